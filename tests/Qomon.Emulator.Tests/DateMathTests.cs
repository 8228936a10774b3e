using Qomon.Emulator.Search;
using Xunit;

namespace Qomon.Emulator.Tests
{
    public class DateMathTests
    {
        private static readonly DateTime Now = new(2026, 11, 20, 10, 30, 15, DateTimeKind.Utc);

        [Theory]
        [InlineData("now", false, "2026-11-20T10:30:15")]
        [InlineData("now-3d", false, "2026-11-17T10:30:15")]
        [InlineData("now-1h", false, "2026-11-20T09:30:15")]
        [InlineData("now+1y", false, "2027-11-20T10:30:15")]
        [InlineData("now-30d", false, "2026-10-21T10:30:15")]
        [InlineData("now-1M", false, "2026-10-20T10:30:15")]
        [InlineData("now-1w", false, "2026-11-13T10:30:15")]
        [InlineData("now-90m", false, "2026-11-20T09:00:15")]
        [InlineData("now-1d/d", false, "2026-11-19T00:00:00")]
        [InlineData("now/d", false, "2026-11-20T00:00:00")]
        [InlineData("now/M", false, "2026-11-01T00:00:00")]
        [InlineData("now-1d-2h", false, "2026-11-19T08:30:15")]
        [InlineData("2026-01-01T00:00:00Z", false, "2026-01-01T00:00:00")]
        [InlineData("2026-01-01T01:00:00+01:00", false, "2026-01-01T00:00:00")]
        [InlineData("2026-01-01", false, "2026-01-01T00:00:00")]
        public void Parses_iso_and_elasticsearch_date_math_in_utc(string text, bool roundUp, string expected)
        {
            Assert.True(DateMath.TryParse(text, Now, roundUp, out var value));
            Assert.Equal(DateTime.Parse(expected + "Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal), value);
            Assert.Equal(DateTimeKind.Utc, value.Kind);
        }

        [Fact]
        public void Rounding_up_goes_to_the_last_instant_of_the_unit()
        {
            Assert.True(DateMath.TryParse("now-1d/d", Now, roundUp: true, out var value));
            Assert.Equal(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), value);
        }

        [Theory]
        [InlineData("")]
        [InlineData("yesterday")]
        [InlineData("now-3x")]
        [InlineData("now-d")]
        [InlineData("12/03/2020")]
        public void Rejects_what_it_cannot_read(string text)
        {
            Assert.False(DateMath.TryParse(text, Now, false, out _));
        }
    }
}
