using System.Text.Json.Nodes;

namespace Qomon.Emulator.Tests
{
    /// <summary>Request bodies and the seeded form ids the tests use (see src/Qomon.Emulator/README.md).</summary>
    public static class Bodies
    {
        public const long Consents = 47566, ConsentEmail = 15648, ConsentSms = 15649;
        public const long LevelOfSupport = 47570, StrongSupport = 15660, Support = 15661;
        public const long Presence = 47575, Present = 15670;
        public const long MainConcern = 47580, Housing = 15680;
        public const long SurveyComment = 47582, SurveyCommentRef = 15695;
        public const long HouseholdSize = 47583, HouseholdSizeRef = 15696;
        public const long VisitDate = 47591, VisitDateRef = 15705;
        public const long FavouriteFood = 879854, Hamburger = 98741, Pizza = 98742;
        public const long Skills = 879855, SkillIt = 98750, SkillLegal = 98751;
        public const long MembershipNotes = 879856, MembershipNotesRef = 98760;
        public const long MemberSince = 879857, MemberSinceRef = 98761;
        public const long DonationTotal = 879858, DonationTotalRef = 98762;

        public static JsonObject Contact(JsonObject contact) => new() { ["data"] = new JsonObject { ["contact"] = contact } };

        public static JsonObject Answer(long formId, long refId, string? data = null)
        {
            var answer = new JsonObject { ["form_id"] = formId, ["form_ref_id"] = refId };
            if (data is not null) answer["data"] = data;
            return answer;
        }

        public static JsonObject SearchBody(JsonNode? query, int? perPage = 100, int? page = null, string? sortAttr = null, bool? sortAsc = null)
        {
            var search = new JsonObject();
            if (perPage is not null) search["per_page"] = perPage;
            if (page is not null) search["page"] = page;
            if (sortAttr is not null) search["sort_attr"] = sortAttr;
            if (sortAsc is not null) search["sort_asc"] = sortAsc;
            if (query is not null) search["query"] = query.DeepClone();
            return new JsonObject { ["data"] = new JsonObject { ["advanced_search"] = search } };
        }

        /// <summary>{"$all":[{"$all":[{"$condition":c1},…]}]}: one group of conditions, all required.</summary>
        public static JsonObject AllOf(params JsonObject[] conditions) => new()
        {
            ["$all"] = new JsonArray(new JsonObject { ["$all"] = new JsonArray([.. conditions.Select(c => (JsonNode)new JsonObject { ["$condition"] = c })]) }),
        };

        public static JsonObject Condition(string attr, string ope, JsonNode? value = null)
        {
            var condition = new JsonObject { ["attr"] = attr, ["ope"] = ope };
            if (value is not null) condition["value"] = value;
            return condition;
        }

        public static JsonObject Upsert(JsonObject data) => new() { ["kind"] = "contact", ["data"] = data };
    }
}
