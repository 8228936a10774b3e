using System;
using System.Collections.Generic;
using System.Linq;
using Qomon.Client.Model;

namespace Qomon.Client.Search
{
    /// <summary>
    /// The attributes ("attr") a search condition may name (qomon-api.md §3.6): the searchable contact fields under
    /// their search names, and the attributes that are no writable field. The API lists them only in part, so
    /// the list says what is known, not all that may exist.
    /// </summary>
    public static class SearchAttributes
    {
        /// <summary>The attributes of form answers and custom fields; a condition on them names its form_id.</summary>
        public const string Form = "form";
        public const string CustomFields = "custom_fields";

        // Writable fields whose search attribute has another name.
        private static readonly Dictionary<string, string> RenamedFields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["age_category"] = "age_cat",
            ["birth_city"] = "birthcity",
            ["birth_country"] = "birthcountry",
            [ContactFields.TagsKey] = "tags.name",
        };

        // Writable fields Qomon cannot search on.
        private static readonly HashSet<string> NotSearchable = new HashSet<string>(StringComparer.Ordinal)
        {
            "birth_dept", "mobile_invalid", "phone_invalid", ContactFields.NotesKey, "address.citycode", "address.infos",
        };

        // Searchable attributes that are no writable field: read-only or server-side data.
        private static readonly string[] OtherAttributes =
        {
            "birthday", "address.building_type", "address.invalid", "emails.blacklisted_at", "lastchange", "CreatedAt",
            ContactQuery.UpdatedAttribute, "user_id", "petitions.base_id", "onlineforms.base_id", Form, CustomFields,
        };

        private static readonly string[] KnownList = ContactFields.All.Where(IsSearchable).Select(Of).Concat(OtherAttributes).ToArray();

        private static readonly HashSet<string> KnownSet = new HashSet<string>(KnownList, StringComparer.Ordinal);

        /// <summary>Every known attribute: contact fields first, then the others.</summary>
        public static IReadOnlyList<string> Known => KnownList;

        /// <summary>Attribute names are compared exactly (CreatedAt, UpdatedAt), as the server does.</summary>
        public static bool IsKnown(string attribute) => KnownSet.Contains(attribute);

        public static bool IsSearchable(ContactField field) => !NotSearchable.Contains(field.Path);

        /// <summary>The search attribute of a writable field: birth_city → birthcity, tags → tags.name, else its path.</summary>
        public static string Of(ContactField field) => RenamedFields.TryGetValue(field.Path, out var attribute) ? attribute : field.Path;

        /// <summary>The known attribute a misspelt one (case included) most likely meant, or null.</summary>
        public static string? Suggest(string attribute) => NameSuggestion.Closest(attribute, KnownList);
    }
}
