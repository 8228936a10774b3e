using Qomon.Emulator.Settings;
using Xunit;

namespace Qomon.Emulator.Tests
{
    public class CommandLineTests
    {
        [Fact]
        public void No_arguments_give_the_documented_defaults()
        {
            var s = CommandLine.Parse([]).Settings!;
            Assert.Equal((100, 10.0, 5, 1, RetryAfterStyle.Seconds), (s.Burst, s.Rate, s.CostWrite, s.CostRead, s.RetryAfter));
            Assert.Equal(("custom_fields", false, 2000, false), (s.CustomFieldsKey, s.AddressNumbersAsNumbers, s.UpsertDelayMs, s.Strict));
            Assert.Equal((0, 0.0, 0.0, 0.0), (s.LatencyMs, s.FaultRate, s.ResetRate, s.SlowRate));
            Assert.Equal("burst:100;rate:10.0", s.RateLimitHeader);
        }

        [Fact]
        public void Every_setting_is_read_in_both_spellings()
        {
            var result = CommandLine.Parse([
                "--urls", "http://127.0.0.1:0", "--api-key", "A", "--api-key=B", "--seed", "500", "--random-seed=9",
                "--burst", "50", "--rate", "2.5", "--cost-write", "4", "--cost-read=2", "--cost-upsert", "3", "--latency-ms", "10",
                "--fault-rate", "0.1", "--reset-rate", "0.2", "--slow-rate", "0.3", "--slow-ms", "500",
                "--retry-after", "date", "--custom-fields-key", "customfields", "--address-numbers-as-numbers",
                "--upsert-delay-ms", "0", "--strict", "false",
            ]);
            Assert.Null(result.Error);
            var s = result.Settings!;
            Assert.Equal(["A", "B"], s.ApiKeys);
            Assert.Equal((500, 9, 50, 2.5, 4, 2, 10), (s.Seed, s.RandomSeed, s.Burst, s.Rate, s.CostWrite, s.CostRead, s.LatencyMs));
            Assert.Equal(3, s.CostUpsert);
            Assert.Equal((0.1, 0.2, 0.3, 500), (s.FaultRate, s.ResetRate, s.SlowRate, s.SlowMs));
            Assert.Equal((RetryAfterStyle.Date, "customfields", true, 0, false), (s.RetryAfter, s.CustomFieldsKey, s.AddressNumbersAsNumbers, s.UpsertDelayMs, s.Strict));
            Assert.Equal("burst:50;rate:2.5", s.RateLimitHeader);
        }

        [Fact]
        public void A_bare_flag_means_true()
        {
            Assert.True(CommandLine.Parse(["--strict"]).Settings!.Strict);
            Assert.True(CommandLine.Parse(["--strict", "--seed", "1"]).Settings!.Strict);
            Assert.False(CommandLine.Parse(["--strict=false"]).Settings!.Strict);
        }

        [Theory]
        [InlineData("--bogus", "1")]
        [InlineData("--seed")]
        [InlineData("--seed", "many")]
        [InlineData("--seed", "-1")]
        [InlineData("--fault-rate", "1.5")]
        [InlineData("--retry-after", "later")]
        [InlineData("--custom-fields-key", "fields")]
        [InlineData("--strict", "maybe")]
        [InlineData("loose")]
        [InlineData("--faultRate", "0.5")]
        public void Bad_arguments_are_an_error_naming_the_option(params string[] args)
        {
            var result = CommandLine.Parse(args);
            Assert.Null(result.Settings);
            Assert.False(string.IsNullOrEmpty(result.Error));
        }

        [Theory]
        [InlineData("--help")]
        [InlineData("-h")]
        public void Help_lists_every_setting_with_its_default(string flag)
        {
            Assert.True(CommandLine.Parse(["--seed", "3", flag]).ShowHelp);
            var help = CommandLine.HelpText();
            foreach (var definition in SettingDefinitions.All)
                Assert.Contains($"--{definition.Name} ", help);
            foreach (var required in new[] { "--burst", "--rate", "--cost-write", "--cost-read", "--cost-upsert", "--latency-ms", "--fault-rate", "--retry-after", "--custom-fields-key", "--upsert-delay-ms", "--strict", "--random-seed" })
                Assert.Contains(required, help);
            Assert.Contains("(default: 100)", help);
        }
    }
}
