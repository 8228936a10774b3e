using System;
using System.Collections.Generic;

namespace Qomon.Client.Model
{
    /// <summary>
    /// The catalogue of contact fields (qomon-api.md §5 and the PATCH page): the writable ones with their
    /// types, the read-only ones that are never written, and the friendly names that input may use.
    /// </summary>
    public static class ContactFields
    {
        public const string AddressKey = "address";
        public const string AddressPrefix = "address.";
        public const string TagsKey = "tags";
        public const string NotesKey = "notes";
        public const string UpdatedAtKey = "UpdatedAt";

        private static readonly ContactField[] Writable =
        {
            new ContactField("firstname", ContactFieldType.Text),
            new ContactField("surname", ContactFieldType.Text),
            new ContactField("married_name", ContactFieldType.Text),
            new ContactField("gender", ContactFieldType.Gender),
            new ContactField("birthdate", ContactFieldType.Date),
            new ContactField("age_category", ContactFieldType.IntRange, 0, 6),
            new ContactField("birth_city", ContactFieldType.Text, otherSpelling: "birthcity"),
            new ContactField("birth_country", ContactFieldType.Text, otherSpelling: "birthcountry"),
            new ContactField("birth_dept", ContactFieldType.Text, otherSpelling: "birthdept"),
            new ContactField("nationality", ContactFieldType.Text),
            new ContactField("mail", ContactFieldType.Email),
            new ContactField("phone", ContactFieldType.Text),
            new ContactField("mobile", ContactFieldType.Text),
            new ContactField("mobile_invalid", ContactFieldType.Bool),
            new ContactField("phone_invalid", ContactFieldType.Bool),
            new ContactField("black_list", ContactFieldType.Bool),
            new ContactField("user_contact_id", ContactFieldType.Id),
            new ContactField("nationbuilderid", ContactFieldType.Text),
            new ContactField("action_ids", ContactFieldType.IdList),
            new ContactField(TagsKey, ContactFieldType.Tags),
            new ContactField(NotesKey, ContactFieldType.Notes),
            new ContactField("address.housenumber", ContactFieldType.Text),
            new ContactField("address.street", ContactFieldType.Text),
            new ContactField("address.addition", ContactFieldType.Text),
            new ContactField("address.building", ContactFieldType.Text),
            new ContactField("address.floor", ContactFieldType.Text),
            new ContactField("address.door", ContactFieldType.Text),
            new ContactField("address.postalcode", ContactFieldType.Text),
            new ContactField("address.citycode", ContactFieldType.Text),
            new ContactField("address.city", ContactFieldType.Text),
            new ContactField("address.county", ContactFieldType.Text),
            new ContactField("address.state", ContactFieldType.Text),
            new ContactField("address.country", ContactFieldType.Text),
            new ContactField("address.infos", ContactFieldType.MultilineText),
            new ContactField("address.pollingstation", ContactFieldType.Text),
        };

        /// <summary>Friendly names (matched case-insensitively, like every name) and the canonical path each stands for.</summary>
        private static readonly KeyValuePair<string, string>[] AliasList =
        {
            Alias("Email", "mail"), Alias("EmailAddress", "mail"),
            Alias("LastName", "surname"), Alias("FamilyName", "surname"),
            Alias("FirstName", "firstname"), Alias("GivenName", "firstname"),
            Alias("MarriedName", "married_name"),
            Alias("BirthDate", "birthdate"), Alias("DateOfBirth", "birthdate"),
            Alias("BirthCity", "birth_city"), Alias("BirthCountry", "birth_country"), Alias("BirthDept", "birth_dept"),
            Alias("AgeCategory", "age_category"),
            Alias("PhoneNumber", "phone"), Alias("MobilePhone", "mobile"),
            Alias("MobileInvalid", "mobile_invalid"), Alias("PhoneInvalid", "phone_invalid"),
            Alias("BlackList", "black_list"), Alias("Blacklisted", "black_list"),
            Alias("UserContactId", "user_contact_id"), Alias("ActionIds", "action_ids"), Alias("NationBuilderId", "nationbuilderid"),
            Alias("HouseNumber", "address.housenumber"), Alias("Street", "address.street"),
            Alias("Addition", "address.addition"), Alias("Building", "address.building"),
            Alias("Floor", "address.floor"), Alias("Door", "address.door"),
            Alias("PostalCode", "address.postalcode"), Alias("ZipCode", "address.postalcode"),
            Alias("CityCode", "address.citycode"), Alias("City", "address.city"),
            Alias("County", "address.county"), Alias("State", "address.state"),
            Alias("Country", "address.country"), Alias("AddressInfos", "address.infos"),
            Alias("PollingStation", "address.pollingstation"),
        };

        private static readonly HashSet<string> ReadOnlyContactKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "id", "group_id", "CreatedAt", UpdatedAtKey, "lastchange", "lastchangeuserid", "user_id", "actions_ids", "interactions",
        };

        private static readonly HashSet<string> ReadOnlyAddressKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "id", "score", "latitude", "longitude", "location", "invalid",
        };

        /// <summary>The keys of a formdata or custom-field entry that a write carries; the rest is server-owned.</summary>
        private static readonly string[] EntryWriteKeys = { "form_id", "form_ref_id", "data", "date", "survey_id" };

        private static readonly Dictionary<string, ContactField> ByName = BuildIndex();

        /// <summary>Every writable field, canonical paths.</summary>
        public static IReadOnlyList<ContactField> All => Writable;

        /// <summary>Friendly name → canonical path (Email → mail, City → address.city...).</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Aliases => AliasList;

        /// <summary>Read-only contact keys: stripped before every write and ignored in input.</summary>
        public static IEnumerable<string> ReadOnlyKeys => ReadOnlyContactKeys;

        /// <summary>Read-only address keys (geocoding results and the address row id).</summary>
        public static IEnumerable<string> ReadOnlyAddressParts => ReadOnlyAddressKeys;

        /// <summary>The keys a formdata or custom-field entry keeps in a write.</summary>
        public static IReadOnlyList<string> EntryKeys => EntryWriteKeys;

        /// <summary>
        /// Finds a field by canonical name, other spelling (birthcity), dotted address path (address.city) or
        /// friendly name (City), ignoring case.
        /// </summary>
        public static bool TryResolve(string name, out ContactField field) => ByName.TryGetValue(InputName(name), out field!);

        /// <summary>
        /// An input name as looked up: trimmed, and without a leading byte order mark. Import-Csv drops a file's
        /// BOM, but a header split by hand from text decoded without BOM detection keeps it on the first name
        /// (U+FEFF is no whitespace to Trim), which would make "Id" or "mail" unknown.
        /// </summary>
        public static string InputName(string? name) => (name ?? "").Trim().TrimStart(ByteOrderMark).Trim();

        private const char ByteOrderMark = '\uFEFF';

        private static readonly string[] IdInputNames = { "Id", "ContactId" };

        /// <summary>Whether an input name carries the contact's id: Id (any case) or ContactId, as exports often call it.</summary>
        public static bool IsIdInputName(string? name)
        {
            var inputName = InputName(name);
            foreach (var idName in IdInputNames)
            {
                if (inputName.Equals(idName, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        public static bool IsReadOnly(string key) => ReadOnlyContactKeys.Contains(key);

        public static bool IsReadOnlyAddressPart(string key) => ReadOnlyAddressKeys.Contains(key);

        /// <summary>Keys that hold lists or objects handled on their own by the merge: address, tags, notes and the answer lists.</summary>
        public static bool IsStructured(string key) =>
            key == AddressKey || key == TagsKey || key == NotesKey || IsAnswerListKey(key);

        public static bool IsAnswerListKey(string key) =>
            key == AnswerKinds.FormDatasKey || key == AnswerKinds.CustomFieldsKey || key == AnswerKinds.CustomFieldsLegacyKey;

        /// <summary>The canonical top-level name of a JSON key: birthcity → birth_city; other keys unchanged.</summary>
        public static string CanonicalKey(string key)
        {
            foreach (var field in Writable)
            {
                if (field.OtherSpelling != null && string.Equals(field.OtherSpelling, key, StringComparison.Ordinal)) return field.Path;
            }
            return key;
        }

        /// <summary>The other spelling of a canonical top-level key (birth_city → birthcity), or null.</summary>
        public static string? OtherSpellingOf(string canonicalKey) =>
            ByName.TryGetValue(canonicalKey, out var field) && field.Path == canonicalKey ? field.OtherSpelling : null;

        /// <summary>Every name input may use (canonical, spellings, aliases), for "did you mean" suggestions.</summary>
        public static IEnumerable<string> KnownNames
        {
            get
            {
                foreach (var entry in Writable)
                {
                    yield return entry.Path;
                    if (entry.OtherSpelling != null) yield return entry.OtherSpelling;
                }
                foreach (var alias in AliasList) yield return alias.Key;
            }
        }

        private static Dictionary<string, ContactField> BuildIndex()
        {
            var index = new Dictionary<string, ContactField>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in Writable)
            {
                index[field.Path] = field;
                if (field.OtherSpelling != null) index[field.OtherSpelling] = field;
            }
            foreach (var alias in AliasList)
            {
                index[alias.Key] = index[alias.Value];
            }
            return index;
        }

        private static KeyValuePair<string, string> Alias(string alias, string path) => new KeyValuePair<string, string>(alias, path);
    }
}
