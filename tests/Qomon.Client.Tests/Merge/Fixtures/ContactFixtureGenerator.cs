using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.Tests.Merge.Fixtures
{
    /// <summary>
    /// A realistic contact for micro-benchmarks and allocation checks: 30 fields (19 contact fields, 11 address parts), 12 form
    /// answers over radio, checkbox, text, numeric and date forms in both lists, 5 notes, tags, and the read-only
    /// and unknown fields a GET returns. Deterministic: the same seed gives the same contact. Self-contained (no
    /// xunit), so a BenchmarkDotNet project can compile it in as a linked file.
    /// </summary>
    public static class ContactFixtureGenerator
    {
        public static FormCatalog Forms() => new FormCatalog(new[]
        {
            Form(501, "Consent", "consent", "checkbox", (5011, "Email", "consent_email"), (5012, "SMS", "consent_sms"), (5013, "Post", "consent_post")),
            Form(502, "Support", "level_of_support", "radio", (5021, "Strong", "strong"), (5022, "Weak", "weak")),
            Form(503, "Topics", "survey", "checkbox", (5031, "Housing", "housing"), (5032, "Transport", "transport"), (5033, "Schools", "schools")),
            Form(504, "Comment", "survey", "text", (5041, null, null)),
            Form(505, "Household", "survey", "numeric", (5051, null, null)),
            Form(506, "Visited", "survey", "date", (5061, null, null)),
            Form(601, "Food", "custom_fields", "radio", (6011, "Hamburger", "hamburger"), (6012, "Salad", "salad")),
            Form(602, "Skills", "custom_fields", "checkbox", (6021, "IT", "it"), (6022, "Design", "design")),
            Form(603, "Member", "custom_fields", "text", (6031, null, null)),
            Form(604, "Joined", "custom_fields", "date", (6041, null, null)),
        });

        /// <summary>Five edits of the kinds a CSV update carries: two fields, a tag, a checkbox value, a radio answer.</summary>
        public static ContactChanges TypicalChanges()
        {
            var changes = new ContactChanges();
            changes.SetField("firstname", "Camila");
            changes.SetField("address.city", "Villeurbanne");
            changes.AddTag("canvassed");
            changes.AddAnswerValue(AnswerKind.FormData, 503, new AnswerValue(5033, "schools"));
            changes.SetAnswer(AnswerKind.CustomField, 601, new[] { new AnswerValue(6012, "salad") });
            return changes;
        }

        public static JsonObject Contact(int seed = 1)
        {
            var n = seed.ToString(CultureInfo.InvariantCulture);
            var contact = new JsonObject
            {
                ["id"] = 80000000 + seed,
                ["CreatedAt"] = "2022-10-13T15:50:34.643724Z",
                ["UpdatedAt"] = "2026-11-20T09:12:44.123456Z",
                ["lastchange"] = "2026-11-20T09:12:44.123Z",
                ["lastchangeuserid"] = 7,
                ["group_id"] = 42,
                ["firstname"] = "Camille" + n,
                ["surname"] = "Martin",
                ["married_name"] = "Durand",
                ["gender"] = "F",
                ["birthdate"] = "1975-07-06T00:00:00Z",
                ["age_category"] = 3,
                ["birth_city"] = "Grenoble",
                ["birth_country"] = "France",
                ["birth_dept"] = "38",
                ["nationality"] = "FR",
                ["mail"] = "camille" + n + "@example.org",
                ["phone"] = "+33478000000",
                ["mobile"] = "+33612345678",
                ["mobile_invalid"] = false,
                ["phone_invalid"] = false,
                ["black_list"] = false,
                ["user_contact_id"] = 123,
                ["action_ids"] = new JsonArray(12, 14),
                ["external_id"] = "crm-" + n,
                ["address"] = new JsonObject
                {
                    ["id"] = 555000 + seed, ["housenumber"] = 14, ["street"] = "Rue de la République", ["floor"] = 3, ["door"] = "12", ["postalcode"] = "69003", ["city"] = "Lyon",
                    ["county"] = "Rhône", ["state"] = "Auvergne-Rhône-Alpes", ["country"] = "France", ["infos"] = "Digicode 1234",
                    ["pollingstation"] = "Bureau 12", ["latitude"] = "45.7640", ["longitude"] = "4.8357", ["location"] = "45.7640,4.8357", ["score"] = 0.97,
                },
                ["tags"] = new JsonArray(Tag("volunteer"), Tag("Lyon 3e"), Tag("donor")),
            };
            contact["formdatas"] = new JsonArray(
                Entry(501, 5011, "consent_email"), Entry(501, 5012, "consent_sms"), Entry(502, 5021, "strong"),
                Entry(503, 5031, "housing"), Entry(503, 5032, "transport"), Entry(504, 5041, "Wants a call back"),
                Entry(505, 5051, "4"), Entry(506, 5061, "2026-03-01T00:00:00.000000Z"));
            contact["customfields"] = new JsonArray(
                Entry(601, 6011, "hamburger"), Entry(602, 6021, "it"), Entry(603, 6031, "M-00" + n), Entry(604, 6041, "2020-01-15T00:00:00.000000Z"));
            var notes = new JsonArray();
            for (var i = 1; i <= 5; i++) notes.Add(Note(i, seed));
            contact["notes"] = notes;
            return contact;
        }

        private static JsonObject Tag(string name) => new JsonObject { ["name"] = name, ["color"] = "#336699", ["appearance_count"] = 12 };

        private static JsonObject Entry(long formId, long refId, string data) => new JsonObject
        {
            ["id"] = formId * 100 + refId % 100, ["form_id"] = formId, ["form_ref_id"] = refId, ["data"] = data, ["contact_id"] = 80000001,
            ["group_id"] = 42, ["date"] = "2025-02-03T10:11:12.345678Z", ["created_at"] = "2025-02-03T10:11:12.345678Z",
            ["updated_at"] = "2025-02-03T10:11:12.345678Z", ["deleted_at"] = null,
        };

        private static JsonObject Note(int i, int seed) => new JsonObject
        {
            ["id"] = i, ["contact_id"] = 80000000 + seed, ["created_at"] = "2025-01-0" + i.ToString(CultureInfo.InvariantCulture) + "T10:00:00.123456Z",
            ["data"] = "Note " + i.ToString(CultureInfo.InvariantCulture) + ": met at the market, keen on transport and schools", ["group_id"] = 42,
            ["only_super_admin"] = i == 5, ["pinned"] = i == 1, ["updated_at"] = "2025-01-01T10:00:00.123456Z",
            ["user"] = new JsonObject { ["id"] = 7, ["firstname"] = "Sam", ["surname"] = "Organiser", ["mail"] = "sam@example.org" },
        };

        private static QomonForm Form(long id, string label, string kind, string type, params (long Id, string? Label, string? Value)[] values)
        {
            var refValues = new List<QomonRefValue>();
            foreach (var value in values) refValues.Add(new QomonRefValue { Id = value.Id, FormId = id, Label = value.Label, Value = value.Value });
            return new QomonForm { Id = id, Label = label, Kind = kind, Type = type, RefValues = refValues };
        }
    }
}
