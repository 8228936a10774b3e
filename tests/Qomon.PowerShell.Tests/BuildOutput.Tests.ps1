# The build's log: what `./build.ps1 > build.log` or a CI job keeps. dotnet runs through Invoke-Dotnet
# (tools/Build.psm1), which must leave out the "Build succeeded / 0 Warning(s) / Time Elapsed" summary and
# colour codes while still showing warnings. A two-line MSBuild project stands in for the solution, so the
# check takes seconds; it runs in a fresh pwsh whose output goes to a file, as a redirected build's does.
Describe 'The build log' {
    BeforeAll {
        $buildModule = Join-Path $PSScriptRoot '../../tools/Build.psm1'
        $project = Join-Path $TestDrive 'probe.proj'
        Set-Content -Path $project -Value @'
<Project>
  <Target Name="Build">
    <Message Importance="high" Text="probe: building" />
    <Warning Text="probe: a warning the log must keep" />
  </Target>
</Project>
'@
        $log = Join-Path $TestDrive 'build.log'
        $noColor = $env:NO_COLOR
        $env:NO_COLOR = $null   # the redirection alone must be enough
        try {
            $command = "Import-Module '$buildModule'; Invoke-Dotnet 'probe build' 'build', '$project', '--no-restore'"
            & dotnet pwsh -NoProfile -NonInteractive -Command $command > $log 2>&1
            $script:exitCode = $LASTEXITCODE
        }
        finally { $env:NO_COLOR = $noColor }
        $script:text = Get-Content -Path $log -Raw
    }

    It 'keeps warnings and leaves out the summary and colour codes' {
        $exitCode | Should -Be 0 -Because $text
        $text | Should -Match 'probe: a warning the log must keep'
        $text | Should -Not -Match 'Build succeeded|Time Elapsed|Warning\(s\)'
        $text | Should -Not -Match '\x1b'
    }
}
