# Connect-Qomon, Disconnect-Qomon and Get-QomonConnection against the emulator: key sources, validation,
# the per-runspace default, -PassThru, refusal of plain http, and that the key never shows.
BeforeAll {
    Import-Module $env:QOMON_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/QomonTestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator -Seed 20
}

AfterAll {
    Disconnect-Qomon
    Stop-TestEmulator $script:emulator
}

Describe 'Connect-Qomon' {
    BeforeEach {
        Disconnect-Qomon
        Remove-Item Env:QOMON_API_KEY, Env:QOMON_BASE_URI -ErrorAction SilentlyContinue
    }

    It 'connects with -ApiKey and makes the connection the default' {
        Connect-TestEmulator $script:emulator
        $connection = Get-QomonConnection
        $connection.BaseUri | Should -Be ([uri]$script:emulator.Url)
        $connection.pstypenames | Should -Contain 'Qomon.Connection'
        $connection.KeyFingerprint | Should -Match '^[0-9a-f]{8}$'
    }

    It 'validates the key with one GET /v1/forms/type/consent' {
        $before = Get-EmulatorRequestCount $script:emulator 'GET /v1/forms/type/{type}'
        Connect-TestEmulator $script:emulator
        (Get-EmulatorRequestCount $script:emulator 'GET /v1/forms/type/{type}') | Should -Be ($before + 1)
    }

    It 'makes no call with -SkipValidation' {
        $before = (Get-EmulatorStats $script:emulator).requestsTotal
        Connect-TestEmulator $script:emulator -Parameters @{ SkipValidation = $true }
        (Get-EmulatorStats $script:emulator).requestsTotal | Should -Be $before
    }

    It 'connects with -Credential, the key as the password (Get-AutomationPSCredential in a runbook)' {
        $credential = [pscredential]::new('qomon', $script:emulator.SecureApiKey)
        Connect-Qomon -Credential $credential -BaseUri $script:emulator.Url
        (Get-QomonConnection).BaseUri | Should -Be ([uri]$script:emulator.Url)
    }

    It 'connects from QOMON_API_KEY and QOMON_BASE_URI when no key parameter is given' {
        $env:QOMON_API_KEY = $script:emulator.ApiKey
        $env:QOMON_BASE_URI = $script:emulator.Url
        Connect-Qomon
        (Get-QomonConnection).BaseUri | Should -Be ([uri]$script:emulator.Url)
        Connect-Qomon -FromEnvironment
        (Get-QomonConnection).BaseUri | Should -Be ([uri]$script:emulator.Url)
    }

    It 'fails without a key, saying how to connect unattended, and never prompts' {
        $err = { Connect-Qomon -BaseUri $script:emulator.Url } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.NoApiKey*'
        $err.Exception.Message | Should -Match 'QOMON_API_KEY'
        $err.Exception.Message | Should -Match 'Get-AutomationPSCredential'
        Get-QomonConnection | Should -BeNullOrEmpty
    }

    It 'refuses -ApiKey given as text, saying how to pass the key, never repeating it, and sends nothing' {
        $key = $script:emulator.ApiKey
        foreach ($attempt in { Connect-Qomon -ApiKey $key -BaseUri $script:emulator.Url }, { Connect-Qomon $key -BaseUri $script:emulator.Url }) {
            $traffic = Measure-EmulatorTraffic $script:emulator { $script:err = $attempt | Should -Throw -PassThru }
            $traffic.RequestsTotal | Should -Be 0
            $script:err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
            $message = $script:err.Exception.Message
            $message | Should -BeLike "*parameter 'ApiKey'*takes the key as a SecureString, not as text*"
            foreach ($way in 'Read-Host -AsSecureString', 'Get-Secret', 'ConvertTo-SecureString $env:QOMON_API_KEY -AsPlainText -Force', 'Get-Credential', 'Get-AutomationPSCredential') {
                $message | Should -BeLike "*$way*"
            }
            ($script:err | Format-List * -Force | Out-String) + $script:err.Exception.ToString() | Should -Not -Match ([regex]::Escape($key))
            Get-QomonConnection | Should -BeNullOrEmpty
        }
    }

    It 'takes a PSCredential given to -ApiKey as its password' {
        Connect-Qomon -ApiKey ([pscredential]::new('qomon', $script:emulator.SecureApiKey)) -BaseUri $script:emulator.Url
        (Get-QomonConnection).BaseUri | Should -Be ([uri]$script:emulator.Url)
    }

    It 'fails with a terminating AuthenticationError for a bad key' {
        $bad = ConvertTo-SecureString 'not-the-key' -AsPlainText -Force
        $err = { Connect-Qomon -ApiKey $bad -BaseUri $script:emulator.Url } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.AuthenticationFailed*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ToString() | Should -Not -Match 'not-the-key'
        Get-QomonConnection | Should -BeNullOrEmpty
    }

    It 'trims the line break a key read from a file keeps (Get-Content key.txt -Raw), also with -SkipValidation' {
        $fromFile = ConvertTo-SecureString ($script:emulator.ApiKey + "`r`n") -AsPlainText -Force
        Connect-Qomon -ApiKey $fromFile -BaseUri $script:emulator.Url
        $checked = Get-QomonConnection
        Connect-Qomon -ApiKey $fromFile -BaseUri $script:emulator.Url -SkipValidation
        (Get-QomonConnection).KeyFingerprint | Should -Be $checked.KeyFingerprint
        { Get-QomonForm -Kind consent -Refresh } | Should -Not -Throw
    }

    It 'refuses a key with a line break inside, naming the problem but not the key, before sending anything' {
        $broken = ConvertTo-SecureString ($script:emulator.ApiKey.Insert(4, "`n")) -AsPlainText -Force
        foreach ($skip in $false, $true) {
            $traffic = Measure-EmulatorTraffic $script:emulator {
                $script:err = { Connect-Qomon -ApiKey $broken -BaseUri $script:emulator.Url -SkipValidation:$skip } | Should -Throw -PassThru
            }
            $traffic.RequestsTotal | Should -Be 0
            $script:err.FullyQualifiedErrorId | Should -BeLike 'Qomon.InvalidApiKey*'
            $script:err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $script:err.Exception.Message | Should -Match 'line break \(U\+000A\) at character 5'
            $script:err.ToString() | Should -Not -Match ([regex]::Escape($script:emulator.ApiKey.Substring(4)))
            $script:err.TargetObject | Should -BeNullOrEmpty
            Get-QomonConnection | Should -BeNullOrEmpty
        }
    }

    It 'refuses plain http to a host that is not loopback, before sending anything' {
        $err = { Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri 'http://qomon.example.org' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.InsecureBaseUri*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'allows plain http to localhost' {
        $url = $script:emulator.Url -replace '127\.0\.0\.1', 'localhost'
        Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri $url
        (Get-QomonConnection).BaseUri.Host | Should -Be 'localhost'
    }

    It 'maps -Region to the EU and US hosts' {
        $eu = Connect-Qomon -ApiKey $script:emulator.SecureApiKey -Region EU -SkipValidation -PassThru
        $us = Connect-Qomon -ApiKey $script:emulator.SecureApiKey -Region US -SkipValidation -PassThru
        $eu.BaseUri | Should -Be ([uri]'https://incoming.qomon.app')
        $us.BaseUri | Should -Be ([uri]'https://incoming-us.qomon.app')
        $eu, $us | Disconnect-Qomon
    }

    It 'refuses -BaseUri together with -Region' {
        { Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri $script:emulator.Url -Region US } | Should -Throw -ErrorId 'Qomon.InvalidArgument*'
    }

    It 'takes the proxy, timeout and retry settings' {
        $proxyCredential = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'proxy-secret' -AsPlainText -Force))
        $connection = Connect-Qomon -ApiKey $script:emulator.SecureApiKey -BaseUri $script:emulator.Url -SkipValidation -PassThru `
            -Proxy 'http://127.0.0.1:3128' -ProxyCredential $proxyCredential -TimeoutSec 7 -MaxRetryCount 2 -RetryTimeLimitSec 30
        $connection.Settings.Proxy | Should -Be ([uri]'http://127.0.0.1:3128')
        $connection.Settings.Timeout | Should -Be ([timespan]::FromSeconds(7))
        $connection.Settings.MaxAttempts | Should -Be 3
        $connection.Settings.RetryTimeLimit | Should -Be ([timespan]::FromSeconds(30))
        $connection.Settings.ProxyCredential.Password | Should -BeNullOrEmpty
        $connection | Disconnect-Qomon
    }
}

Describe 'Connections belong to the runspace' {
    BeforeEach { Disconnect-Qomon }

    It '-PassThru returns a connection and leaves the default alone' {
        Connect-TestEmulator $script:emulator
        $default = Get-QomonConnection
        $other = Connect-TestEmulator $script:emulator -PassThru
        $other | Should -Not -BeNullOrEmpty
        [object]::ReferenceEquals((Get-QomonConnection).psobject.BaseObject, $default.psobject.BaseObject) | Should -BeTrue
        [object]::ReferenceEquals($other.psobject.BaseObject, $default.psobject.BaseObject) | Should -BeFalse
        Get-QomonForm -Kind consent -Connection $other | Should -Not -BeNullOrEmpty
        $other | Disconnect-Qomon
    }

    It '-PassThru without a default leaves the runspace not connected' {
        $other = Connect-TestEmulator $script:emulator -PassThru
        Get-QomonConnection | Should -BeNullOrEmpty
        { Get-QomonContact -Id 1 } | Should -Throw -ErrorId 'Qomon.NotConnected*'
        $other | Disconnect-Qomon
    }

    It 'keeps the default of each runspace apart' {
        Connect-TestEmulator $script:emulator
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:QOMON_TEST_MODULE'; [bool](Get-QomonConnection)")
            $ps.Invoke() | Should -Be $false
        }
        finally { $ps.Dispose() }
    }

    It 'every command fails with Not connected, saying how to connect' {
        foreach ($command in { Get-QomonContact -Id 1 }, { Get-QomonContact }, { Get-QomonForm }, { Invoke-QomonRequest -Path /v1/forms/type/consent }) {
            $err = $command | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.NotConnected*'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.Exception.Message | Should -Match 'Connect-Qomon'
        }
    }

    It 'Disconnect-Qomon forgets the default, disposes it, and may be repeated' {
        Connect-TestEmulator $script:emulator
        $connection = Get-QomonConnection
        Disconnect-Qomon
        Get-QomonConnection | Should -BeNullOrEmpty
        $connection.IsDisposed | Should -BeTrue
        { Disconnect-Qomon } | Should -Not -Throw
    }

    It 'a closed connection passed with -Connection gives Qomon.ConnectionClosed and sends nothing' {
        $closed = Connect-TestEmulator $script:emulator -PassThru
        $closed | Disconnect-Qomon
        $traffic = Measure-EmulatorTraffic $script:emulator {
            $err = { Get-QomonContact -Id 83000001 -Connection $closed } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'Qomon.ConnectionClosed*'
            $err.Exception.Message | Should -Match 'Disconnect-Qomon'
        }
        $traffic.RequestsTotal | Should -Be 0
    }
}

Describe 'Get-QomonConnection' {
    BeforeAll { Connect-TestEmulator $script:emulator }

    It 'shows the budget and counts requests and tokens as they happen' {
        $ids = (Get-QomonContact -First 3).id
        $before = Get-QomonConnection | Select-Object Requests, TokensSpent
        $null = Get-QomonContact -Id $ids
        $after = Get-QomonConnection
        $after.Requests | Should -BeGreaterOrEqual ($before.Requests + 3)
        $after.TokensSpent | Should -BeGreaterOrEqual ($before.TokensSpent + 3)
        $after.Throttled | Should -Be 0
        $after.Retries | Should -Be 0
        $after.BudgetBurst | Should -BeGreaterThan 0
        $after.BudgetRatePerSecond | Should -BeGreaterThan 0
        $after.BudgetAvailable | Should -BeGreaterOrEqual 0
    }

    It 'has a default view' {
        $text = Get-QomonConnection | Out-String -Width 80
        $text | Should -Match 'KeyFingerprint'
        $text | Should -Match 'TokensSpent'
    }
}

Describe 'The module initializer' {
    It 'answers no assembly request made by another module' {
        $resolve = [Qomon.PowerShell.Infrastructure.ModuleInitializer].GetMethod('Resolve', [Reflection.BindingFlags]'NonPublic, Static')
        $foreign = [ResolveEventArgs]::new('System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51', [psobject].Assembly)
        $resolve.Invoke($null, @($null, $foreign)) | Should -BeNullOrEmpty
        $unknown = [ResolveEventArgs]::new('No.Such.Assembly', [Qomon.PowerShell.Infrastructure.QomonCmdlet].Assembly)
        $resolve.Invoke($null, @($null, $unknown)) | Should -BeNullOrEmpty
    }
}

Describe 'The key never shows' {
    It 'is absent from every stream, the connection object and its error records' {
        Disconnect-Qomon
        $key = $script:emulator.ApiKey
        $all = & {
            Connect-TestEmulator $script:emulator -Verbose -Debug
            $connection = Get-QomonConnection
            $connection
            $connection | Format-List * | Out-String
            $connection.ToString()
            $connection.Settings | Format-List * | Out-String
            Get-QomonContact -First 1 -Verbose -Debug
            Get-QomonContact -Id 999999999 -Verbose -Debug -ErrorAction Continue
            Invoke-QomonRequest -Path '/contacts/999999998' -Verbose -Debug -ErrorAction Continue
            try { Connect-Qomon -ApiKey (ConvertTo-SecureString ($key + 'x') -AsPlainText -Force) -BaseUri $script:emulator.Url -PassThru -Verbose -Debug }
            catch { $_; $_.Exception.ToString() }
        } *>&1 | Out-String -Width 500
        $all | Should -Not -BeNullOrEmpty
        $all | Should -Not -Match ([regex]::Escape($key))
        $errorText = $Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); "$($_.ErrorDetails)" } | Out-String
        $errorText | Should -Not -Match ([regex]::Escape($key))
    }
}
