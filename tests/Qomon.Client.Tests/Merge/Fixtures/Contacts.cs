using System.Text.Json.Nodes;

namespace Qomon.Client.Tests.Merge.Fixtures
{
    /// <summary>Contacts shaped like the PATCH page's response (data.contact unwrapped), with the quirks of §5.</summary>
    internal static class Contacts
    {
        public const long Id = 83854766;

        /// <summary>A full contact: custom fields under customfields, microsecond dates, numbers in the address, a soft-deleted entry, fields this code does not know.</summary>
        public static JsonObject Camille() => JsonNode.Parse(CamilleJson)!.AsObject();

        /// <summary>The same contact with custom fields under custom_fields.</summary>
        public static JsonObject CamilleWithCustomFieldsKey()
        {
            var contact = Camille();
            var entries = contact["customfields"]!.DeepClone();
            contact.Remove("customfields");
            contact["custom_fields"] = entries;
            return contact;
        }

        /// <summary>
        /// Camille with repeated entries, as canvassing leaves them: "Not home" twice in Comments (text) on different
        /// dates, 4 twice in Household size (numeric), 2026-03-01 twice in Last visit (date), and the member number
        /// twice in custom fields; the two Consent checkbox values stay.
        /// </summary>
        public static JsonObject CamilleWithRepeatedEntries()
        {
            var contact = Camille();
            var formdatas = contact["formdatas"]!.AsArray();
            formdatas.Add(Entry(7101, 103, 1031, NotHome, FirstVisit));
            formdatas.Add(Entry(7102, 103, 1031, NotHome, SecondVisit));
            formdatas.Add(Entry(7103, 104, 1041, "4", SecondVisit));
            formdatas.Add(Entry(7104, 105, 1051, "2026-03-01T00:00:00.000000Z", SecondVisit));
            contact["customfields"]!.AsArray().Add(Entry(9101, 203, 2031, "M-0042", SecondVisit));
            return contact;
        }

        public const string NotHome = "Not home", FirstVisit = "2026-02-01T18:00:00.000Z", SecondVisit = "2026-02-08T18:30:00.000Z";

        private static JsonObject Entry(long id, long formId, long refId, string data, string date) => new JsonObject
        {
            ["id"] = id, ["form_id"] = formId, ["form_ref_id"] = refId, ["data"] = data, ["date"] = date, ["contact_id"] = Id, ["group_id"] = 42,
        };

        /// <summary>A sparse contact: no address, tags, notes or answers; birth place in the older spelling.</summary>
        public static JsonObject Sparse() => JsonNode.Parse("""
            {"id":42,"CreatedAt":"2026-01-02T03:04:05.123456Z","UpdatedAt":"2026-01-02T03:04:05.123456Z","group_id":7,
             "firstname":"Léo","surname":"Petit","birthcity":"Nantes","mail":"leo.petit@example.net","lastchange":"2026-01-02T03:04:05.123Z"}
            """)!.AsObject();

        public const string CamilleJson = """
            {
              "id": 83854766,
              "CreatedAt": "2022-10-13T15:50:34.643724Z",
              "UpdatedAt": "2026-11-20T09:12:44.123456Z",
              "action_ids": [12, 14],
              "actions_ids": [12, 14],
              "address": {
                "addition": "Bât. B",
                "building": "Les Tilleuls",
                "city": "Lyon",
                "country": "France",
                "county": "Rhône",
                "door": "12",
                "floor": 3,
                "housenumber": 14,
                "id": 555001,
                "infos": "Digicode 1234",
                "latitude": "45.7640",
                "location": "45.7640,4.8357",
                "longitude": "4.8357",
                "pollingstation": "Bureau 12",
                "postalcode": "69003",
                "score": 0.97,
                "state": "Auvergne-Rhône-Alpes",
                "street": "Rue de la République"
              },
              "age_category": 3,
              "birth_city": "Grenoble",
              "birth_country": "France",
              "birth_dept": "38",
              "birthdate": "1975-07-06T00:00:00Z",
              "black_list": false,
              "customfields": [
                {"data": "hamburger", "form_id": 201, "form_ref_id": 2011, "id": 9001, "date": "2024-07-17T11:34:42.195123Z"},
                {"data": "it", "form_id": 202, "form_ref_id": 2021, "id": 9002},
                {"data": "design", "form_id": 202, "form_ref_id": 2022, "id": 9003},
                {"data": "M-0042", "form_id": 203, "form_ref_id": 2031, "id": 9004}
              ],
              "firstname": "Camille",
              "formdatas": [
                {"data": "consent_email", "form_id": 101, "form_ref_id": 1011, "id": 7001, "contact_id": 83854766, "date": "2025-02-03T10:11:12.345678Z", "group_id": 42, "label": "Consent", "type_of_form": "checkbox", "created_at": "2025-02-03T10:11:12.345678Z", "updated_at": "2025-02-03T10:11:12.345678Z", "deleted_at": null},
                {"data": "consent_sms", "form_id": 101, "form_ref_id": 1012, "id": 7002, "contact_id": 83854766, "date": "2025-02-03T10:11:12.345678Z", "group_id": 42},
                {"data": "strong", "form_id": 102, "form_ref_id": 1021, "id": 7003, "contact_id": 83854766, "date": "2025-05-06T07:08:09.1Z", "group_id": 42, "survey_id": 88},
                {"data": "weak", "form_id": 102, "form_ref_id": 1022, "id": 6999, "contact_id": 83854766, "group_id": 42, "deleted_at": "2025-05-06T07:08:09.1Z"},
                {"data": "Wants a call back about the school bus", "form_id": 103, "form_ref_id": 1031, "id": 7004, "contact_id": 83854766, "group_id": 42},
                {"data": "4", "form_id": 104, "form_ref_id": 1041, "id": 7005, "contact_id": 83854766, "group_id": 42},
                {"data": "2026-03-01T00:00:00.000000Z", "form_id": 105, "form_ref_id": 1051, "id": 7006, "contact_id": 83854766, "group_id": 42, "donedate": "2026-03-01T00:00:00Z"}
              ],
              "gender": "F",
              "group_id": 42,
              "lastchange": "2026-11-20T09:12:44.123Z",
              "lastchangeuserid": 7,
              "mail": "camille.martin@example.org",
              "married_name": "Durand",
              "mobile": "+33612345678",
              "mobile_invalid": false,
              "nationality": "FR",
              "notes": [
                {
                  "id": 1, "contact_id": 83854766, "created_at": "2025-01-01T10:00:00.123456Z", "data": "Met at the market, keen on transport",
                  "group_id": 42, "only_super_admin": false, "pinned": true, "updated_at": "2025-01-01T10:00:00.123456Z",
                  "user": {"id": 7, "firstname": "Sam", "surname": "Organiser", "mail": "sam@example.org", "role_data": {"id": 1, "name": "admin"}}
                },
                {
                  "id": 2, "contact_id": 83854766, "created_at": "2025-06-01T10:00:00Z", "data": "Private: family situation",
                  "group_id": 42, "only_super_admin": true, "pinned": false, "updated_at": "2025-06-01T10:00:00Z",
                  "user": {"id": 8, "firstname": "Ana"}
                }
              ],
              "phone": "+33478000000",
              "phone_invalid": false,
              "surname": "Martin",
              "tags": [
                {"name": "volunteer", "color": "#ff0000", "appearance_count": 12},
                {"name": "Lyon 3e", "color": "#00ff00", "appearance_count": 340}
              ],
              "user_contact_id": 123,
              "external_id": "crm-77",
              "membership": {"code": "GOLD", "since": "2020-01-01"}
            }
            """;
    }
}
