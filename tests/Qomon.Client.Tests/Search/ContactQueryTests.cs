using System;
using System.Text.Json.Nodes;
using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    public class ContactQueryTests
    {
        [Theory]
        [InlineData("now")]
        [InlineData("now-3d")]
        [InlineData("now-1h")]
        [InlineData("now-1d/d")]
        [InlineData("now+1y")]
        [InlineData("now-30d")]
        [InlineData("now/M")]
        [InlineData("now-1M/M+1d")]
        [InlineData(" now-2w ")]
        [InlineData("now-15m")]
        [InlineData("now-90s")]
        public void AcceptsDateMath(string text) => Assert.True(DateMath.IsValid(text));

        [Theory]
        [InlineData("")]
        [InlineData("Now")]
        [InlineData("now-")]
        [InlineData("now-3")]
        [InlineData("now-3x")]
        [InlineData("now - 3d")]
        [InlineData("now-1.5d")]
        [InlineData("now//d")]
        [InlineData("yesterday")]
        [InlineData("now-1d/")]
        [InlineData("2026-01-01")]
        public void RejectsWhatIsNotDateMath(string text) => Assert.False(DateMath.IsValid(text));

        [Fact]
        public void UpdatedSinceDateMathIsSentAsIs() =>
            Assert.Equal("""{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"now-1d/d"}}""", ContactQuery.UpdatedSince("now-1d/d").ToJsonString());

        [Fact]
        public void UpdatedSinceADateIsSentInUtcMilliseconds()
        {
            Assert.Equal("""{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"2026-01-31T07:00:00.000Z"}}""",
                ContactQuery.UpdatedSince(new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.FromHours(1))).ToJsonString());
            Assert.Equal("2026-01-31T00:00:00.000Z", (string?)ContactQuery.UpdatedSince("2026-01-31")["$condition"]!["value"]);
        }

        [Fact]
        public void UpdatedSinceRejectsNonsense()
        {
            var error = Assert.Throws<ArgumentException>(() => ContactQuery.UpdatedSince("last week"));
            Assert.StartsWith("-UpdatedSince 'last week' is not a date or date math; did you mean 'now-7d/d'? -UpdatedSince takes", error.Message);
            Assert.DoesNotContain("(Parameter", error.Message);
        }

        [Theory]
        [InlineData("yesterday", "now-1d/d")]
        [InlineData("today", "now/d")]
        [InlineData("-1d", "now-1d")]
        [InlineData("1h", "now-1h")]
        [InlineData("now - 3d", "now-3d")]
        public void UpdatedSinceSuggestsTheDateMathMeant(string given, string meant) =>
            Assert.Contains($"did you mean '{meant}'?", Assert.Throws<ArgumentException>(() => ContactQuery.UpdatedSince(given)).Message);

        [Fact]
        public void UpdatedSinceSuggestsNothingForNonsense() =>
            Assert.DoesNotContain("did you mean", Assert.Throws<ArgumentException>(() => ContactQuery.UpdatedSince("banana")).Message);

        [Fact]
        public void CombinesWithNothing() =>
            Assert.Equal("""{"$all":[{"$all":[{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"now"}}]}]}""",
                ContactQuery.WithUpdatedSince(null, ContactQuery.UpdatedSince("now")).ToJsonString());

        [Fact]
        public void CombinesWithMatchAll() =>
            Assert.Equal("""{"$all":[{"$all":[{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"now"}}]}]}""",
                QueryTree.And(QueryTree.MatchAll(), ContactQuery.UpdatedSince("now")).ToJsonString());

        [Fact]
        public void JoinsTheFirstAllGroupOfAFilter()
        {
            var filter = ContactFilter.Build(new System.Collections.Generic.Dictionary<string, object?> { ["City"] = "Lyon" });
            var combined = ContactQuery.WithUpdatedSince(filter.Query, ContactQuery.UpdatedSince("now-1h"));
            Assert.Equal("""{"$all":[{"$all":[{"$condition":{"attr":"address.city","ope":"eql","value":"Lyon"}},{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"now-1h"}}]}]}""",
                combined.ToJsonString());
            Assert.Single(filter.Query["$all"]![0]!["$all"]!.AsArray()); // the filter's own query is unchanged
        }

        [Fact]
        public void AddsAGroupUnderAnAllRootOfAnyGroups()
        {
            var query = JsonNode.Parse("""{"$all":[{"$at_least_one":[{"$condition":{"attr":"mail","ope":"ext"}}]}]}""")!.AsObject();
            Assert.Equal("""{"$all":[{"$at_least_one":[{"$condition":{"attr":"mail","ope":"ext"}}]},{"$all":[{"$condition":{"attr":"UpdatedAt","ope":"gte","value":"now"}}]}]}""",
                QueryTree.And(query, ContactQuery.UpdatedSince("now")).ToJsonString());
        }

        [Fact]
        public void DistributesOverAnAtLeastOneRoot()
        {
            var query = JsonNode.Parse("""{"$at_least_one":[{"$all":[{"$condition":{"attr":"mail","ope":"ext"}}]},{"$all":[{"$condition":{"attr":"phone","ope":"ext"}}]}]}""")!.AsObject();
            var combined = QueryTree.And(query, ContactQuery.UpdatedSince("now"));
            Assert.Equal(2, combined["$at_least_one"]![0]!["$all"]!.AsArray().Count);
            Assert.Equal(2, combined["$at_least_one"]![1]!["$all"]!.AsArray().Count);
        }

        [Fact]
        public void SplitsAnAtLeastOneGroupUnderAnAtLeastOneRoot()
        {
            var query = JsonNode.Parse("""{"$at_least_one":[{"$at_least_one":[{"$condition":{"attr":"mail","ope":"ext"}},{"$condition":{"attr":"phone","ope":"ext"}}]}]}""")!.AsObject();
            var combined = QueryTree.And(query, ContactQuery.UpdatedSince("now"));
            Assert.Equal(2, combined["$at_least_one"]!.AsArray().Count);
            Assert.Equal(2, combined["$at_least_one"]![1]!["$all"]!.AsArray().Count);
        }

        [Fact]
        public void RefusesARootThatIsNoGroupList()
        {
            Assert.Throws<ArgumentException>(() => QueryTree.And(JsonNode.Parse("""{"$any":[]}""")!.AsObject(), ContactQuery.UpdatedSince("now")));
        }
    }
}
