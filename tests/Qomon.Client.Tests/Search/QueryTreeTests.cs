using System.Text.Json.Nodes;
using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>QueryTree.And keeps Qomon's two levels, which the pager needs to add its lastchange bound to any query.</summary>
    public sealed class QueryTreeTests
    {
        private static readonly JsonObject Bound = QueryTree.Condition("lastchange", SearchOperators.Gte, "2026-01-01T00:00:00.000Z");

        [Theory]
        [InlineData("{\"$all\":[]}", "{\"$all\":[{\"$all\":[B]}]}")]
        [InlineData("{\"$all\":[{\"$all\":[A]}]}", "{\"$all\":[{\"$all\":[A,B]}]}")]
        [InlineData("{\"$all\":[{\"$at_least_one\":[A,C]}]}", "{\"$all\":[{\"$at_least_one\":[A,C]},{\"$all\":[B]}]}")]
        [InlineData("{\"$at_least_one\":[{\"$all\":[A]},{\"$all\":[C]}]}", "{\"$at_least_one\":[{\"$all\":[A,B]},{\"$all\":[C,B]}]}")]
        // (A OR C) OR D is A OR C OR D: each alternative takes the bound.
        [InlineData("{\"$at_least_one\":[{\"$at_least_one\":[A,C]},{\"$all\":[D]}]}", "{\"$at_least_one\":[{\"$all\":[A,B]},{\"$all\":[C,B]},{\"$all\":[D,B]}]}")]
        public void AndAddsAConditionWithinTwoLevels(string query, string expected)
        {
            var input = (JsonObject)JsonNode.Parse(Expand(query))!;
            var before = input.ToJsonString();

            var result = QueryTree.And(input, Bound);

            Assert.Equal(JsonNode.Parse(Expand(expected))!.ToJsonString(), result.ToJsonString());
            Assert.Equal(before, input.ToJsonString());
            QueryValidator.Validate(result);
        }

        [Fact]
        public void AGroupThatIsNeitherAllNorAtLeastOneIsRefused() =>
            Assert.Throws<ArgumentException>(() => QueryTree.And((JsonObject)JsonNode.Parse("{\"$at_least_one\":[{\"x\":[]}]}")!, Bound));

        private static string Expand(string text) => text
            .Replace("A", Condition("surname", "Martin"))
            .Replace("C", Condition("address.city", "Lyon"))
            .Replace("D", Condition("firstname", "Ana"))
            .Replace("B", Bound.ToJsonString());

        private static string Condition(string attribute, string value) =>
            QueryTree.Condition(attribute, SearchOperators.Eql, value).ToJsonString();
    }
}
