using Qomon.Client.Budget;
using Xunit;

namespace Qomon.Client.Tests.Budget
{
    /// <summary>The time left of a bulk run, from the records done, the tokens they cost and the bucket.</summary>
    public class RunForecastTests
    {
        [Fact]
        public void TheRecordsLeftCostWhatTheRecordsDoneCostPaidByTheBucketThenTheRefill()
        {
            // 10 merge updates cost 60 tokens; 90 more cost 540, of which the bucket holds 40: 500 at 10 a second.
            var left = RunForecast.TimeLeft(10, 100, 60, 40, 10, TimeSpan.FromSeconds(2));
            Assert.Equal(TimeSpan.FromSeconds(50), left);
        }

        [Fact]
        public void ADeficitInTheBucketIsPaidBackFirst()
        {
            var left = RunForecast.TimeLeft(10, 20, 60, -20, 10, TimeSpan.Zero);
            Assert.Equal(TimeSpan.FromSeconds(8), left);
        }

        [Fact]
        public void WhenLatencySetsThePaceThePaceSeenSoFarIsGiven()
        {
            // The bucket holds more than the rest needs, but each record has taken half a second.
            var left = RunForecast.TimeLeft(10, 20, 60, 100, 10, TimeSpan.FromSeconds(5));
            Assert.Equal(TimeSpan.FromSeconds(5), left);
        }

        [Fact]
        public void AServerWithoutALimitIsForecastByPaceAlone()
        {
            Assert.Equal(TimeSpan.FromSeconds(3), RunForecast.TimeLeft(10, 40, 60, 0, 0, TimeSpan.FromSeconds(1)));
        }

        [Theory]
        [InlineData(0L, 100L)]
        [InlineData(5L, null)]
        public void NothingIsForecastWithoutATotalOrBeforeTheFirstRecord(long done, long? total)
        {
            Assert.Null(RunForecast.TimeLeft(done, total, 30, 50, 10, TimeSpan.FromSeconds(1)));
        }

        [Fact]
        public void ARunThatIsDoneHasNoTimeLeft()
        {
            Assert.Equal(TimeSpan.Zero, RunForecast.TimeLeft(20, 20, 120, 0, 10, TimeSpan.FromSeconds(9)));
        }
    }
}
