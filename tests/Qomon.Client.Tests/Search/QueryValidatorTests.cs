using System.Text.Json.Nodes;
using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>A raw query is checked as Qomon would check it, before anything is sent; each refusal says where and what.</summary>
    public class QueryValidatorTests
    {
        private static JsonObject Query(string json) => (JsonObject)JsonNode.Parse(json)!;

        private static string Refusal(string json) => Assert.Throws<ArgumentException>(() => QueryValidator.Validate(Query(json))).Message;

        private static string InGroup(string condition) => "{\"$all\":[{\"$at_least_one\":[{\"$condition\":{\"attr\":\"surname\",\"ope\":\"eql\",\"value\":\"x\"}}," + condition + "]}]}";

        [Theory]
        [InlineData("{\"$all\":[]}")]
        [InlineData("{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"address.city\",\"ope\":\"eql\",\"value\":\"Lyon\"}}]}]}")]
        [InlineData("{\"$at_least_one\":[{\"$all\":[]},{\"$at_least_one\":[{\"$condition\":{\"attr\":\"UpdatedAt\",\"ope\":\"gte\",\"value\":\"now-1d/d\"}}]}]}")]
        [InlineData("{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"birthdate\",\"ope\":\"range\",\"from\":\"1980-01-01\",\"to\":\"1989-12-31\"}}]}]}")]
        [InlineData("{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"tags.name\",\"ope\":\"any_of\",\"value\":[\"vip\"]}},{\"$condition\":{\"attr\":\"mail\",\"ope\":\"not_ext\"}}]}]}")]
        [InlineData("{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"form\",\"ope\":\"ext\",\"form_id\":101,\"form_ref_ids\":[1011]}}]}]}")]
        [InlineData("{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"birthcity\",\"ope\":\"eql:strictdata\",\"value\":\"Lyon\"}},{\"$condition\":{\"attr\":\"age_cat\",\"ope\":\"lte\",\"value\":3}}]}]}")]
        public void AWellFormedQueryPasses(string json) => QueryValidator.Validate(Query(json));

        [Fact]
        public void EveryFilterConditionIsAValidQuery()
        {
            var filter = ContactFilter.Build(new Dictionary<string, object?>
            {
                ["mail"] = "a@example.org", ["City"] = "Lyon", ["tags"] = "vip;donor", ["birth_city"] = "Paris", ["AgeCategory"] = 2, ["phone"] = null,
            });

            QueryValidator.Validate(filter.Query);
            QueryValidator.Validate(ContactQuery.WithUpdatedSince(filter.Query, ContactQuery.UpdatedSince("now-1d/d")));
        }

        [Fact]
        public void AConditionDirectlyUnderTheRootIsRefusedWithQomonsExplanation() =>
            Assert.Equal("$all[0]: a $condition must sit inside a group ($all or $at_least_one), not directly under the root (Qomon answers 422); wrap it: " +
                         "{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"surname\",\"ope\":\"eql\",\"value\":\"Martin\"}}]}]}",
                Refusal("{\"$all\":[{\"$condition\":{\"attr\":\"surname\",\"ope\":\"eql\",\"value\":\"x\"}}]}"));

        [Theory]
        [InlineData("{}", "the root: must be one $all or $at_least_one")]
        [InlineData("{\"$any\":[]}", "the root: must be one $all or $at_least_one")]
        [InlineData("{\"$all\":[],\"$at_least_one\":[]}", "the root: must be one $all")]
        [InlineData("{\"$all\":{\"$all\":[]}}", "$all: must hold a list of groups")]
        [InlineData("{\"$all\":[\"surname\"]}", "$all[0]: each item under the root must be a group")]
        [InlineData("{\"$all\":[{\"$all\":{}}]}", "$all[0].$all: must hold a list of $condition objects")]
        [InlineData("{\"$all\":[{\"$all\":[{\"$all\":[]}]}]}", "$all[0].$all[0]: a group inside a group: Qomon's query has two levels only")]
        [InlineData("{\"$all\":[{\"$all\":[{\"attr\":\"surname\",\"ope\":\"eql\"}]}]}", "$all[0].$all[0]: expected {\"$condition\":")]
        public void AMalformedShapeIsRefused(string json, string expected) => Assert.StartsWith(expected, Refusal(json));

        [Theory]
        [InlineData("{\"$condition\":{\"attr\":\"surname\",\"ope\":\"equals\",\"value\":\"x\"}}", "$all[0].$at_least_one[1].$condition.ope: 'equals' is no Qomon operator; use one of eql, not_eql, eql:strictdata,")]
        [InlineData("{\"$condition\":{\"attr\":\"surname\",\"ope\":\"EQL\",\"value\":\"x\"}}", "$all[0].$at_least_one[1].$condition.ope: 'EQL' is no Qomon operator")]
        [InlineData("{\"$condition\":{\"attr\":\"surname\",\"value\":\"x\"}}", "$all[0].$at_least_one[1].$condition.ope: is required, as text")]
        [InlineData("{\"$condition\":{\"attr\":\"birthdate\",\"ope\":\"range\",\"from\":\"1980-01-01\"}}", "$all[0].$at_least_one[1].$condition: range compares between from and to")]
        [InlineData("{\"$condition\":{\"ope\":\"ext\"}}", "$all[0].$at_least_one[1].$condition.attr: is required, as text")]
        [InlineData("{\"$condition\":{\"attr\":\"form\",\"ope\":\"ext\"}}", "$all[0].$at_least_one[1].$condition: a condition on form names its form with form_id")]
        [InlineData("{\"$condition\":{\"attr\":\"custom_fields\",\"ope\":\"eql\",\"form_id\":-3,\"value\":\"x\"}}", "$all[0].$at_least_one[1].$condition: a condition on custom_fields names its form with form_id")]
        public void AnUnknownOperatorOrAnIncompleteConditionIsRefused(string condition, string expected) =>
            Assert.StartsWith(expected, Refusal(InGroup(condition)));

        [Theory]
        [InlineData("surnme", "; did you mean 'surname'?")]
        [InlineData("updatedat", "; did you mean 'UpdatedAt'?")]
        [InlineData("shoe_size", "' is not a search attribute this module knows. Known:")]
        public void AnUnknownAttributeIsRefusedListingTheKnownOnesAndTheWayAround(string attribute, string expected)
        {
            var message = Refusal(InGroup("{\"$condition\":{\"attr\":\"" + attribute + "\",\"ope\":\"eql\",\"value\":\"x\"}}"));

            Assert.StartsWith("$all[0].$at_least_one[1].$condition.attr: '" + attribute + "' is not a search attribute", message);
            Assert.Contains(expected, message);
            Assert.Contains("Known: firstname, surname,", message);
            Assert.Contains("tags.name", message);
            Assert.Contains("onlineforms.base_id", message);
            Assert.Contains("Invoke-QomonRequest -Method POST -Path /search", message);
        }

        [Fact]
        public void TheKnownAttributesAreTheSearchableFieldsUnderTheirSearchNamesAndTheDocumentedOthers()
        {
            Assert.Contains("birthcity", SearchAttributes.Known);
            Assert.Contains("age_cat", SearchAttributes.Known);
            Assert.Contains("address.pollingstation", SearchAttributes.Known);
            Assert.Contains("CreatedAt", SearchAttributes.Known);
            Assert.DoesNotContain("birth_city", SearchAttributes.Known);
            Assert.DoesNotContain("notes", SearchAttributes.Known);
            Assert.DoesNotContain("address.infos", SearchAttributes.Known);
            Assert.Equal(SearchAttributes.Known.Count, SearchAttributes.Known.Distinct().Count());
        }
    }
}
