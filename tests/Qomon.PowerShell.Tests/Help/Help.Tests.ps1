# The help a user reads, as Get-Help shows it from the built module: every exported command has a real synopsis
# (not the syntax PowerShell makes up when there is no help), a description, inputs and outputs, a description of
# every parameter, and at least two examples whose code parses and names only commands and parameters that
# exist, in a combination one of the command's parameter sets accepts. The about topics resolve and fit in 80
# columns. The help comes from docs/commands/*.md and docs/about/*.help.txt (tools/Build-Help.ps1), so a command
# or parameter added without its page or description fails here.
BeforeDiscovery {
    Import-Module $env:QOMON_TEST_MODULE -Force

    # Parameters every cmdlet has; -WhatIf and -Confirm are not among them and must be described too.
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters

    $script:commandCases = foreach ($command in Get-Command -Module Qomon -CommandType Cmdlet | Sort-Object Name) {
        $help = Get-Help $command.Name -Full
        $examples = @($help.examples.example | Where-Object { $_ })
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $common -notcontains $_ } | Sort-Object |
                    ForEach-Object { @{ Command = $command.Name; Parameter = $_ } })
            Examples   = @(for ($i = 0; $i -lt $examples.Count; $i++) {
                    @{ Command = $command.Name; Number = $i + 1; Title = ($examples[$i].title -replace '^-+\s*|\s*-+$', ''); Code = [string]$examples[$i].code }
                })
        }
    }
    $script:aboutTopics = @('about_Qomon', 'about_Qomon_Merge', 'about_Qomon_RateLimit') | ForEach-Object { @{ Topic = $_ } }

    # The Markdown the help is built from, when the tests run from the repository.
    $docs = Join-Path $PSScriptRoot '../../../docs/commands'
    $script:pageCases = @(Get-ChildItem -Path $docs -Filter '*.md' -ErrorAction SilentlyContinue | ForEach-Object { @{ Page = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force

    # Commands that examples may use although they do not exist in this test session: they exist where the
    # example runs (an Azure Automation runbook, a machine with SecretManagement). When they are installed,
    # their parameters are checked like any other command's.
    $script:commandsOutsideThisSession = @(
        'Get-AutomationPSCredential'   # Azure Automation
        'Get-Secret'                   # Microsoft.PowerShell.SecretManagement
    )

    # Problems with one example's code: parse errors, unknown commands, unknown parameters, and for this
    # module's commands, parameters that no single parameter set accepts together.
    function Get-ExampleProblem {
        param([string] $Code)
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
        foreach ($e in $errors) { "does not parse: $($e.Message) (line $($e.Extent.StartLineNumber))" }
        if ($errors.Count -gt 0) { return }

        $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
        foreach ($call in $calls) {
            $name = $call.GetCommandName()
            if (-not $name) { continue }   # & $scriptBlock and the like name no command
            $info = Get-Command -Name $name -ErrorAction SilentlyContinue | Select-Object -First 1
            if (-not $info) {
                if ($commandsOutsideThisSession -notcontains $name) { "uses '$name', which is not a command" }
                continue
            }
            if ($info -is [System.Management.Automation.AliasInfo]) {
                if ($info.ResolvedCommand.ModuleName -eq 'Qomon') { "names $($info.ResolvedCommand.Name) by the alias '$name'" }
                $info = $info.ResolvedCommand
            }
            if ($info.ModuleName -eq 'Qomon' -and $name -cne $info.Name) { "spells $($info.Name) as '$name'" }
            if ($null -eq $info.Parameters) { continue }   # a native program

            $known = @{}
            foreach ($parameter in $info.Parameters.Values) {
                $known[$parameter.Name] = $parameter.Name
                foreach ($alias in $parameter.Aliases) { $known[$alias] = $parameter.Name }
            }
            $used = [System.Collections.Generic.List[string]]::new()
            $splatted = $false
            foreach ($element in $call.CommandElements) {
                if ($element -is [System.Management.Automation.Language.VariableExpressionAst] -and $element.Splatted) { $splatted = $true }
                if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
                if (-not $known.ContainsKey($element.ParameterName)) {
                    "$($info.Name) has no parameter -$($element.ParameterName)"
                    continue
                }
                $used.Add($known[$element.ParameterName])
            }

            if ($info.ModuleName -ne 'Qomon' -or $splatted) { continue }
            $commonNames = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            $specific = @($used | Where-Object { $commonNames -notcontains $_ } | Sort-Object -Unique)
            $fits = $info.ParameterSets | Where-Object {
                $names = @($_.Parameters.Name)
                -not ($specific | Where-Object { $names -notcontains $_ })
            }
            if (-not $fits) { "$($info.Name): no parameter set takes -$($specific -join ', -') together" }
        }
    }
}

Describe 'Help for <Name>' -ForEach $commandCases {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'has a synopsis, not the syntax PowerShell makes up without help' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Match ('^' + [regex]::Escape($Name) + '(\s|$)') -Because 'without a help page, Get-Help shows the syntax as the synopsis'
    }

    # Get-Help -Online opens the first address among the help's related links, else the cmdlet's HelpUri;
    # CommandInfo.HelpUri resolves it the same way.
    It 'sends Get-Help -Online to its own page, docs/commands/<Name>.md' {
        $projectUri = (Import-PowerShellDataFile $env:QOMON_TEST_MODULE).PrivateData.PSData.ProjectUri
        $expected = "$projectUri/blob/main/docs/commands/$Name.md"
        (Get-Command $Name).HelpUri | Should -Be $expected
        (Get-Command $Name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].HelpUri |
            Should -Be $expected -Because 'the cmdlet attribute is the fallback when the help is not installed'
        Join-Path $PSScriptRoot "../../../docs/commands/$Name.md" | Should -Exist
    }

    It 'has a description' {
        (@($help.description | ForEach-Object Text) -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'names its inputs and its outputs' {
        @($help.inputTypes.inputType | Where-Object { "$($_.type.name)".Trim() }).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue | Where-Object { "$($_.type.name)".Trim() }).Count | Should -BeGreaterThan 0
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) { "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "'$($example.title)' needs code" }
    }

    It 'describes -<Parameter>' -ForEach $Parameters {
        $entry = @($help.parameters.parameter | Where-Object name -EQ $Parameter)
        $why = if ($Parameter -in 'WhatIf', 'Confirm') {
            "Get-Help $Command -Full lists -$Parameter (tools/Build-Help.ps1 must not count PSCmdlet.OptionalCommonParameters as common: they get its standard texts)"
        } else { "Get-Help $Command -Full lists every parameter" }
        $entry.Count | Should -Be 1 -Because $why
        (@($entry[0].description | ForEach-Object Text) -join "`n").Trim() | Should -Not -BeNullOrEmpty -Because "-$Parameter of $Command needs a description in docs/commands/$Command.md"
    }

    It 'example <Number> (<Title>) parses and uses only existing commands and parameters' -ForEach $Examples {
        Get-ExampleProblem -Code $Code | Should -BeNullOrEmpty
    }

    It 'example <Number> (<Title>) shows the command itself' -ForEach $Examples {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
        $names = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() })
        $names | Should -Contain $Command
    }
}

Describe 'About topic <Topic>' -ForEach $aboutTopics {
    It 'resolves with Get-Help' {
        $text = Get-Help $Topic | Out-String
        $text | Should -Match ([regex]::Escape($Topic))
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
    }

    # Get-Help *Qomon* lists the fifth line of the file, the first of SHORT DESCRIPTION, as the synopsis.
    It 'has a synopsis in Get-Help that is one whole sentence' {
        $synopsis = (Get-Help -Name $Topic -Category HelpFile).Synopsis
        $synopsis | Should -Match '^[A-Z][^.]+\.$'
    }

    It 'fits in an 80-column console' {
        $path = Join-Path (Split-Path $env:QOMON_TEST_MODULE -Parent) "en-US/$Topic.help.txt"
        $path | Should -Exist
        $long = @(Get-Content $path | Where-Object { $_.Length -gt 80 })
        $long | Should -BeNullOrEmpty
    }
}

Describe 'Page <Page>' -ForEach $pageCases {
    # The build takes syntax and parameters from the compiled commands and silently drops what the page says
    # about a parameter that no longer exists; this catches a page left behind by a rename.
    It 'is about an exported command and describes only its parameters' {
        $lines = Get-Content -Path $Path
        $title = ($lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1) -replace '^# ', ''
        $title | Should -Be ([IO.Path]::GetFileNameWithoutExtension($Page))
        $command = Get-Command -Name $title -Module Qomon -ErrorAction SilentlyContinue
        $command | Should -Not -BeNullOrEmpty -Because "$Page documents a command the module exports"
        $section = ''
        $documented = foreach ($line in $lines) {
            if ($line -match '^## (.+)$') { $section = $Matches[1].Trim() }
            elseif ($section -eq 'PARAMETERS' -and $line -match '^### -(\S+)') { $Matches[1] }
        }
        $stale = @($documented | Where-Object { -not $command.Parameters.ContainsKey($_) })
        $stale | Should -BeNullOrEmpty -Because "$Page describes parameters $title does not have"
    }
}

Describe 'The example checker' {
    It 'finds <Case>' -ForEach @(
        @{ Case = 'a parse error'; Code = 'Get-QomonContact -Id (1'; Expected = 'does not parse*' }
        @{ Case = 'an unknown command'; Code = 'Get-QomonContacts -Id 1'; Expected = "uses 'Get-QomonContacts'*" }
        @{ Case = 'an unknown parameter'; Code = 'Get-QomonContact -Identity 1'; Expected = 'Get-QomonContact has no parameter -Identity' }
        @{ Case = 'an unknown parameter of another command'; Code = 'Import-Csv -Paht x.csv'; Expected = 'Import-Csv has no parameter -Paht' }
        @{ Case = 'parameters from two parameter sets'; Code = 'Get-QomonContact -Id 1 -All'; Expected = 'Get-QomonContact: no parameter set takes*' }
    ) {
        @(Get-ExampleProblem -Code $Code) -like $Expected | Should -Not -BeNullOrEmpty
    }

    It 'accepts aliases, common parameters and commands of the places examples run in' {
        Get-ExampleProblem -Code @'
Connect-Qomon -Credential (Get-AutomationPSCredential -Name 'Qomon')
Get-QomonContact -ContactId 5 -ErrorAction Stop -Verbose
Get-QomonForm -FormId 47566
'@ | Should -BeNullOrEmpty
    }
}
