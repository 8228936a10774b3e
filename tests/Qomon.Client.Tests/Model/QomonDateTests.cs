using System;
using Qomon.Client.Model;
using Xunit;

namespace Qomon.Client.Tests.Model
{
    public class QomonDateTests
    {
        [Theory]
        [InlineData("1955-07-06T00:00:00Z", "1955-07-06T00:00:00.000Z")]
        [InlineData("2022-10-13T15:50:24.163Z", "2022-10-13T15:50:24.163Z")]
        [InlineData("2022-10-13T15:50:34.643724Z", "2022-10-13T15:50:34.643Z")]
        [InlineData("2022-10-13T15:50:34.6437249Z", "2022-10-13T15:50:34.643Z")]
        [InlineData("2022-10-13T15:50:34.6Z", "2022-10-13T15:50:34.600Z")]
        [InlineData("2022-10-13T17:50:34+02:00", "2022-10-13T15:50:34.000Z")]
        [InlineData("2022-10-13T10:50:34.5-05:00", "2022-10-13T15:50:34.500Z")]
        [InlineData("2022-10-13T15:50:34", "2022-10-13T15:50:34.000Z")]
        [InlineData("2022-10-13T15:50Z", "2022-10-13T15:50:00.000Z")]
        [InlineData("2022-10-13 15:50:34", "2022-10-13T15:50:34.000Z")]
        [InlineData("2022-10-13", "2022-10-13T00:00:00.000Z")]
        [InlineData("  2022-10-13  ", "2022-10-13T00:00:00.000Z")]
        public void ParsesWhatQomonSendsAndWritesMilliseconds(string text, string written)
        {
            Assert.True(QomonDate.TryParse(text, out var value));
            Assert.Equal(written, QomonDate.FormatForWrite(value));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("yesterday")]
        [InlineData("13/10/2022")]
        [InlineData("2022-13-01")]
        [InlineData("2022-02-30")]
        [InlineData("2022-10-13T15:50:34.12345678Z")]
        [InlineData("2022-10-13T25:00:00Z")]
        [InlineData("20221013")]
        public void RejectsWhatIsNotADate(string? text) => Assert.False(QomonDate.TryParse(text, out _));

        [Fact]
        public void SameInstantComparesAtMilliseconds()
        {
            QomonDate.TryParse("2022-10-13T15:50:34.643724Z", out var micro);
            QomonDate.TryParse("2022-10-13T15:50:34.643Z", out var milli);
            QomonDate.TryParse("2022-10-13T15:50:34.644Z", out var later);
            Assert.True(QomonDate.SameInstant(micro, milli));
            Assert.False(QomonDate.SameInstant(micro, later));
        }

        [Fact]
        public void ADateTimeIsReadAsUtcWallClock()
        {
            Assert.Equal("1980-05-17T00:00:00.000Z", QomonDate.FormatForWrite(QomonDate.FromDateTime(new DateTime(1980, 5, 17))));
            Assert.Equal("1980-05-17T00:00:00.000Z", QomonDate.FormatForWrite(QomonDate.FromDateTime(new DateTime(1980, 5, 17, 0, 0, 0, DateTimeKind.Local))));
        }

        [Theory]
        [InlineData("2022-10-13T15:50:34.643724Z", true)]
        [InlineData("2022-10-13T15:50", true)]
        [InlineData("2022-10-13", false)]
        [InlineData("Called on 2022-10-13T15:50", false)]
        [InlineData("M-0042", false)]
        public void RecognisesTimestamps(string text, bool expected) => Assert.Equal(expected, QomonDate.LooksLikeTimestamp(text));
    }
}
