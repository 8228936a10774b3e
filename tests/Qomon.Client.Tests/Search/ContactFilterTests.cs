using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Search;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    public class ContactFilterTests
    {
        private static ContactFilter Build(params (string Name, object? Value)[] pairs)
        {
            var equalities = new Dictionary<string, object?>();
            foreach (var (name, value) in pairs) equalities[name] = value;
            return ContactFilter.Build(equalities);
        }

        [Fact]
        public void BuildsTheTwoLevelTree()
        {
            var filter = Build(("City", "Lyon"), ("mail", "camille.martin@example.org"), ("tags", "volunteer;Lyon 3e"));
            Assert.Equal("""{"$all":[{"$all":[{"$condition":{"attr":"address.city","ope":"eql","value":"Lyon"}},{"$condition":{"attr":"mail","ope":"eql:strictdata","value":"camille.martin@example.org"}},{"$condition":{"attr":"tags.name","ope":"all_of","value":["volunteer","Lyon 3e"]}}]}]}""",
                filter.Query.ToJsonString());
        }

        [Fact]
        public void AnEmptyFilterMatchesEverything()
        {
            var filter = ContactFilter.Build(new Dictionary<string, object?>());
            Assert.Equal("""{"$all":[]}""", filter.Query.ToJsonString());
            Assert.True(filter.Matches(Contacts.Camille()));
        }

        [Theory]
        [InlineData("age_category", 3, "age_cat", "3")]
        [InlineData("BirthCity", "Grenoble", "birthcity", "\"Grenoble\"")]
        [InlineData("gender", "f", "gender", "\"F\"")]
        [InlineData("black_list", "false", "black_list", "false")]
        [InlineData("PostalCode", 69003, "address.postalcode", "\"69003\"")]
        [InlineData("action_ids", "12", "action_ids", "[12]")]
        public void MapsFieldsToSearchAttributes(string name, object value, string attribute, string json)
        {
            var condition = Assert.Single(Build((name, value)).Conditions);
            Assert.Equal(attribute, condition.Attribute);
            Assert.Equal(json, condition.Value!.ToJsonString());
        }

        [Fact]
        public void ANullValueAsksForAnEmptyField()
        {
            var filter = Build(("married_name", null));
            Assert.Equal("""{"$condition":{"attr":"married_name","ope":"not_ext"}}""", filter.Query["$all"]![0]!["$all"]![0]!.ToJsonString());
            Assert.False(filter.Matches(Contacts.Camille()));
            Assert.True(filter.Matches(Contacts.Sparse()));
        }

        [Theory]
        [InlineData("City", "Lyon", true)]
        [InlineData("City", "lyon", true)]
        [InlineData("City", "Ly", false)]
        [InlineData("City", "Lyon 3e", false)]
        [InlineData("surname", "MARTIN", true)]
        [InlineData("surname", "Mart", false)]
        [InlineData("mail", "Camille.Martin@example.org", true)]
        [InlineData("address.housenumber", "14", true)]
        [InlineData("address.floor", 3, true)]
        [InlineData("birthdate", "1975-07-06", true)]
        [InlineData("birthdate", "1975-07-07", false)]
        [InlineData("black_list", false, true)]
        [InlineData("age_category", "3", true)]
        [InlineData("tags", "volunteer", true)]
        [InlineData("tags", "VOLUNTEER;lyon 3e", true)]
        [InlineData("tags", "volunteer;donor", false)]
        [InlineData("tags", "volun", false)]
        [InlineData("birth_city", "grenoble", true)]
        [InlineData("action_ids", "14", true)]
        [InlineData("action_ids", "15", false)]
        public void MatchesExactlyIgnoringCase(string name, object value, bool expected) =>
            Assert.Equal(expected, Build((name, value)).Matches(Contacts.Camille()));

        [Fact]
        public void AllEqualitiesMustHold()
        {
            Assert.True(Build(("City", "Lyon"), ("surname", "Martin")).Matches(Contacts.Camille()));
            Assert.False(Build(("City", "Lyon"), ("surname", "Petit")).Matches(Contacts.Camille()));
        }

        [Fact]
        public void TheOlderBirthPlaceSpellingMatchesToo() => Assert.True(Build(("BirthCity", "Nantes")).Matches(Contacts.Sparse()));

        [Fact]
        public void AContactWithoutAddressDoesNotMatchAnAddressFilter() => Assert.False(Build(("City", "Nantes")).Matches(Contacts.Sparse()));

        [Theory]
        [InlineData("shoe_size", "42", "'shoe_size': unknown field")]
        [InlineData("id", "42", "search by id is not possible; use -Id")]
        [InlineData("birth_dept", "38", "Qomon cannot search on this field")]
        [InlineData("age_category", "old", "'old' is not a number")]
        [InlineData("mail", "nope", "is not an email address")]
        public void RejectsBadFilters(string name, string value, string message)
        {
            var error = Assert.Throws<ArgumentException>(() => Build((name, value)));
            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void RejectsAFieldNamedTwice()
        {
            var error = Assert.Throws<ArgumentException>(() => Build(("mail", "a@example.org"), ("Email", "a@example.org")));
            Assert.Contains("named twice", error.Message);
        }

        [Fact]
        public void RejectsAListForAScalar() =>
            Assert.Contains("expected one value, got a list of 2 values", Assert.Throws<ArgumentException>(() => Build(("surname", new object[] { "a", "b" }))).Message);

        [Fact]
        public void AcceptsAHashtable()
        {
            var filter = ContactFilter.FromHashtable(new Hashtable { ["City"] = "Lyon" });
            Assert.True(filter.Matches(Contacts.Camille()));
        }

        [Theory]
        [InlineData("Mart*", "start_with", "\"Mart\"")]
        [InlineData("*@example.org", "contains", "\"@example.org\"")]
        [InlineData("*a*rtin", "contains", "\"rtin\"")]
        [InlineData("*", "ext", "null")]
        public void AWildcardNarrowsOnTheServerWithTheOperatorThatFits(string pattern, string operation, string value)
        {
            var condition = Build(("surname", pattern)).Conditions[0];
            Assert.Equal(operation, condition.Operation);
            Assert.Equal(value, condition.Value?.ToJsonString() ?? "null");
        }

        [Theory]
        [InlineData("Mart*", true)]
        [InlineData("mar*IN", true)]
        [InlineData("*tin", true)]
        [InlineData("M*n", true)]
        [InlineData("Mart*x", false)]
        [InlineData("*art", false)]
        [InlineData("*", true)]
        public void AWildcardIsCheckedWholeOnEachContact(string pattern, bool matches) =>
            Assert.Equal(matches, Build(("surname", pattern)).Matches(Contacts.Camille()));

        [Theory]
        [InlineData("birthdate", "1980*", "a date")]
        [InlineData("tags", "vol*", "tag names")]
        [InlineData("gender", "F*", "F, M or O")]
        public void AWildcardOnAFieldThatIsNotTextIsRefused(string name, string pattern, string holds)
        {
            var error = Assert.Throws<ArgumentException>(() => Build((name, pattern)));
            Assert.Contains($"-Filter '{name}': '*' wildcards work on text fields only, and {name} holds {holds}", error.Message);
        }
    }
}
