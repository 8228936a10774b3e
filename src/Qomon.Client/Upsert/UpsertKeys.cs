using System.Collections.Generic;
using Qomon.Client.Model;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// The names upsert takes (qomon-api.md §3.5). Its schema refuses unknown keys by dropping the whole record in
    /// silence, so only fields the upsert docs name are sent; any other field goes by PATCH.
    /// </summary>
    internal static class UpsertKeys
    {
        public const string Kind = "contact";
        public const string Id = "id";
        public const string Notes = "notes";
        public const string Tags = "tags";
        public const string Address = "address";

        /// <summary>Canonical field path → the key upsert takes (the upsert docs spell birth places without underscore).</summary>
        private static readonly Dictionary<string, string> Fields = new Dictionary<string, string>
        {
            ["firstname"] = "firstname",
            ["surname"] = "surname",
            ["married_name"] = "married_name",
            ["gender"] = "gender",
            ["birthdate"] = "birthdate",
            ["birth_city"] = "birthcity",
            ["birth_country"] = "birthcountry",
            ["birth_dept"] = "birthdept",
            ["nationality"] = "nationality",
            ["mail"] = "mail",
            ["phone"] = "phone",
            ["mobile"] = "mobile",
            ["black_list"] = "black_list",
            ["nationbuilderid"] = "nationbuilderid",
        };

        /// <summary>Form kind (the family a form is listed under) → the upsert key of its answers.</summary>
        private static readonly Dictionary<string, string> AnswerLists = new Dictionary<string, string>
        {
            ["consent"] = "consents",
            ["level_of_support"] = "status",
            ["survey"] = "forms",
            ["custom_fields"] = "custom_fields",
            ["tasks"] = "actions",
            // Not presence_status: Qomon answers 202 to that key and drops it (observed).
            ["presence_status"] = "name_presences",
        };

        public static bool TryField(string canonicalPath, out string key) => Fields.TryGetValue(canonicalPath, out key!);

        public static bool IsAddressPart(string canonicalPath) =>
            canonicalPath.StartsWith(ContactFields.AddressPrefix, System.StringComparison.Ordinal)
            && ContactFields.TryResolve(canonicalPath, out _);

        public static bool TryAnswerList(QomonForm form, out string key) => AnswerLists.TryGetValue(form.Kind ?? "", out key!);
    }
}
