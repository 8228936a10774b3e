using System;
using Qomon.Client.Model;
using Xunit;

namespace Qomon.Client.Tests.Model
{
    public class QomonDateFieldsTests
    {
        [Theory]
        [InlineData("CreatedAt", QomonDateKind.Instant)]
        [InlineData("UpdatedAt", QomonDateKind.Instant)]
        [InlineData("lastchange", QomonDateKind.Instant)]
        [InlineData("birthdate", QomonDateKind.CalendarDate)]
        public void TheContactsDatesAreKnownWithWhatTheyMean(string key, QomonDateKind kind)
        {
            Assert.True(QomonDateFields.TryGetContactKey(key, out var found));
            Assert.Equal(kind, found);
        }

        [Theory]
        [InlineData("firstname")]
        [InlineData("updatedat")]
        [InlineData("BirthDate")]
        [InlineData("date")]
        public void OtherKeysAreNotDates(string key) => Assert.False(QomonDateFields.TryGetContactKey(key, out _));

        [Theory]
        [InlineData("date", true)]
        [InlineData("created_at", true)]
        [InlineData("deleted_at", true)]
        [InlineData("data", false)]
        [InlineData("form_id", false)]
        public void RowStampsAreInstants(string key, bool isDate)
        {
            Assert.Equal(isDate, QomonDateFields.TryGetRowKey(key, out var kind));
            if (isDate) Assert.Equal(QomonDateKind.Instant, kind);
        }

        [Fact]
        public void OnlyADateFormsAnswerIsADay()
        {
            Assert.True(QomonDateFields.IsDateAnswer(new QomonForm { Type = "date" }, out var kind));
            Assert.Equal(QomonDateKind.CalendarDate, kind);
            Assert.False(QomonDateFields.IsDateAnswer(new QomonForm { Type = "text" }, out _));
            Assert.False(QomonDateFields.IsDateAnswer(null, out _));
        }

        [Fact]
        public void AnInstantIsADateTimeOffsetInUtcKeepingMicroseconds()
        {
            Assert.True(QomonDateFields.TryRead("2024-07-11T09:25:21.998480Z", QomonDateKind.Instant, out var value));
            var instant = Assert.IsType<DateTimeOffset>(value);
            Assert.Equal(TimeSpan.Zero, instant.Offset);
            Assert.Equal(new DateTimeOffset(2024, 7, 11, 9, 25, 21, 998, TimeSpan.Zero).AddTicks(4800), instant);
        }

        [Fact]
        public void AnInstantWithAnOffsetIsTheSameMomentAtUtc()
        {
            Assert.True(QomonDateFields.TryRead("2024-07-11T11:25:21+02:00", QomonDateKind.Instant, out var value));
            Assert.Equal(new DateTimeOffset(2024, 7, 11, 9, 25, 21, TimeSpan.Zero), value);
            Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)value).Offset);
        }

        [Theory]
        [InlineData("1955-07-06T00:00:00Z")]
        [InlineData("1955-07-06T00:00:00.000Z")]
        [InlineData("1955-07-06")]
        public void ACalendarDateIsAUtcDateTimeAtMidnight(string text)
        {
            Assert.True(QomonDateFields.TryRead(text, QomonDateKind.CalendarDate, out var value));
            var day = Assert.IsType<DateTime>(value);
            Assert.Equal(DateTimeKind.Utc, day.Kind);
            Assert.Equal(new DateTime(1955, 7, 6), day);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("06/07/1955")]
        [InlineData("soon")]
        public void TextThatIsNoDateIsNotRead(string? text) => Assert.False(QomonDateFields.TryRead(text, QomonDateKind.Instant, out _));
    }
}
