# Dot-sourced by each write suite's BeforeAll: imports the built module and the helpers, starts one emulator for
# the file (small seed, bucket scaled up so tests take seconds) and connects the module to it as $script:emulator.
param([int] $Seed = 5, [hashtable] $Settings = @{ burst = 100; rate = 500 })
Import-Module $env:QOMON_TEST_MODULE -Force
Import-Module (Join-Path $PSScriptRoot '../TestHelpers/QomonTestHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'WriteTestHelpers.psm1') -Force
$script:emulator = Start-TestEmulator -Seed $Seed -Settings $Settings
Connect-TestEmulator $script:emulator
$null = Get-QomonForm   # forms cached now, so the traffic a test measures is its own
