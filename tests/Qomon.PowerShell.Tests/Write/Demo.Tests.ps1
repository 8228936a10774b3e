# The README's first command runs examples/demo.ps1; this keeps it working. It runs in a fresh pwsh, as a user
# would run it, against its own emulator (Qomon's real budget, so it takes some seconds).
Describe 'examples/demo.ps1' {
    It 'runs end to end, writes every row, and exits 0' {
        $demo = Join-Path $PSScriptRoot '../../../examples/demo.ps1'
        # Without NO_COLOR (a redirected build sets it for its children), so that the redirection alone is tested.
        $noColor = $env:NO_COLOR
        $env:NO_COLOR = $null
        try { $output = & dotnet pwsh -NoProfile -NonInteractive -File $demo 2>&1 | Out-String }
        finally { $env:NO_COLOR = $noColor }
        $LASTEXITCODE | Should -Be 0 -Because $output
        # Redirected, as in a CI log: plain text, no ANSI colour codes from tables and lists.
        $output | Should -Not -Match '\x1b' -Because 'a redirected demo writes plain text'
        $output | Should -BeLike '*What if: Performing the operation "Update fields: *'
        $output | Should -BeLike '*Set-QomonContact: 20 updated, 0 unchanged, 0 conflicts, 0 failed*'
        $output | Should -BeLike '*All 20 contacts: only the named fields changed*'
        $output | Should -Match 'Throttled\s*:\s*0'
        $output | Should -Match 'BudgetWait\s*:\s*\d+(\.\d)? s' -Because 'the connection view shows the wait as people read it'
        $output | Should -BeLike '*Demo finished.*'
    }
}
