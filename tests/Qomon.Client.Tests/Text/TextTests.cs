using Qomon.Client.Text;
using Xunit;

namespace Qomon.Client.Tests.Text
{
    public class TextTests
    {
        [Theory]
        [InlineData(0, "0 tokens")]
        [InlineData(1, "1 token")]
        [InlineData(2, "2 tokens")]
        public void CountedPicksTheNumberOfTheNoun(long count, string expected) =>
            Assert.Equal(expected, Counted.Of(count, "token"));

        [Fact]
        public void CountedTakesAnIrregularPlural() =>
            Assert.Equal("3 throttled (429) answers", Counted.Of(3, "throttled (429) answer"));

        [Theory]
        [InlineData(0, "0 s")]
        [InlineData(0.0000039, "0 s")]
        [InlineData(3.21, "3.2 s")]
        [InlineData(12, "12 s")]
        [InlineData(59.96, "1 min 00 s")]
        [InlineData(64, "1 min 04 s")]
        [InlineData(3599.6, "1 h 00 min")]
        [InlineData(7500, "2 h 05 min")]
        public void DurationReadsAsPeopleSayIt(double seconds, string expected) =>
            Assert.Equal(expected, DurationText.Of(TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond))));

        [Theory]
        [InlineData("Contact 5 was not found.", "Contact 5 was not found")]
        [InlineData("An error occurred while sending the request. ", "An error occurred while sending the request")]
        [InlineData("Wait...", "Wait...")]
        [InlineData("no period", "no period")]
        [InlineData(null, "")]
        public void ClauseDropsOneFinalPeriod(string? text, string expected) => Assert.Equal(expected, MessageText.Clause(text));

        [Theory]
        [InlineData("done", "done.")]
        [InlineData("done.", "done.")]
        [InlineData("did you mean 'mobile'?", "did you mean 'mobile'?")]
        [InlineData("", "")]
        public void SentenceEndsOnce(string text, string expected) => Assert.Equal(expected, MessageText.Sentence(text));
    }
}
