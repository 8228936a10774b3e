using System.Text.Json;
using Qomon.Emulator.Model;

namespace Qomon.Emulator.Json
{
    /// <summary>
    /// Writes a contact in the documented response shape, straight to a Utf8JsonWriter: no intermediate DOM,
    /// so GET and large search pages stay cheap. Cleared fields are written as null, as Qomon returns them.
    /// </summary>
    public static class ContactJsonWriter
    {
        public static void Write(Utf8JsonWriter w, Contact c, RenderOptions options, Func<string, int> tagAppearances)
        {
            w.WriteStartObject();
            w.WriteNumber("id", c.Id);
            w.WriteString("CreatedAt", QomonDates.Micro(c.CreatedAt));
            w.WriteString("UpdatedAt", QomonDates.Micro(c.UpdatedAt));
            w.WriteStartArray("action_ids");
            foreach (var a in c.ActionIds) w.WriteNumberValue(a);
            w.WriteEndArray();
            WriteAddress(w, c.Address, options);
            Nullable(w, "age_category", c.AgeCategory);
            var joined = options.BirthPlaceJoined;
            w.WriteString(joined ? "birthcity" : "birth_city", c.BirthCity);
            w.WriteString(joined ? "birthcountry" : "birth_country", c.BirthCountry);
            w.WriteString(joined ? "birthdept" : "birth_dept", c.BirthDept);
            if (c.Birthdate is { } birth) w.WriteString("birthdate", QomonDates.Seconds(birth)); else w.WriteNull("birthdate");
            w.WriteBoolean("black_list", c.BlackList);
            WriteAnswers(w, options.CustomFieldsKey, Rows(c.CustomFields, c.DeletedCustomFields, options), c, includeRowDetails: false, options.SoftDeletedVisible);
            w.WriteString("firstname", c.Firstname);
            WriteAnswers(w, "formdatas", Rows(c.FormDatas, c.DeletedFormDatas, options), c, includeRowDetails: true, options.SoftDeletedVisible);
            w.WriteString("gender", c.Gender);
            w.WriteNumber("group_id", c.GroupId);
            w.WriteString("lastchange", QomonDates.Milli(c.LastChange));
            Nullable(w, "lastchangeuserid", c.LastChangeUserId);
            w.WriteString("mail", c.Mail);
            w.WriteString("married_name", c.MarriedName);
            w.WriteString("mobile", c.Mobile);
            w.WriteBoolean("mobile_invalid", c.MobileInvalid);
            w.WriteString("nationality", c.Nationality);
            w.WriteString("nationbuilderid", c.NationbuilderId);
            WriteNotes(w, c);
            w.WriteString("phone", c.Phone);
            w.WriteBoolean("phone_invalid", c.PhoneInvalid);
            w.WriteString("surname", c.Surname);
            w.WriteStartArray("tags");
            foreach (var tag in c.Tags)
            {
                w.WriteStartObject();
                w.WriteString("name", tag);
                w.WriteString("color", TagColor(tag));
                w.WriteNumber("appearance_count", tagAppearances(tag));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Nullable(w, "user_contact_id", c.UserContactId);
            Nullable(w, "user_id", c.UserId);
            if (options.IncludeInteractions)
            {
                w.WriteStartArray("interactions");
                w.WriteEndArray();
            }
            foreach (var (name, value) in c.UnknownFields)
            {
                w.WritePropertyName(name);
                value.WriteTo(w);
            }
            w.WriteEndObject();
        }

        private static void WriteAddress(Utf8JsonWriter w, Address? a, RenderOptions options)
        {
            if (a is null) { w.WriteNull("address"); return; }
            w.WriteStartObject("address");
            w.WriteString("addition", a.Addition);
            w.WriteString("building", a.Building);
            w.WriteString("building_type", a.BuildingType);
            w.WriteString("city", a.City);
            NumberLike(w, "citycode", a.Citycode, options);
            w.WriteString("country", a.Country);
            w.WriteString("county", a.County);
            w.WriteString("door", a.Door);
            NumberLike(w, "floor", a.Floor, options);
            NumberLike(w, "housenumber", a.Housenumber, options);
            w.WriteNumber("id", a.Id);
            w.WriteString("infos", a.Infos);
            w.WriteBoolean("invalid", a.Invalid);
            w.WriteString("latitude", a.Latitude);
            w.WriteString("location", a.Latitude is null || a.Longitude is null ? null : a.Latitude + "," + a.Longitude);
            w.WriteString("longitude", a.Longitude);
            w.WriteString("pollingstation", a.Pollingstation);
            NumberLike(w, "postalcode", a.Postalcode, options);
            Nullable(w, "score", a.Score);
            w.WriteString("state", a.State);
            w.WriteString("street", a.Street);
            w.WriteEndObject();
        }

        /// <summary>
        /// Numbers only when the text survives the round trip (no leading zero, no spaces), so "01000" stays a string.
        /// </summary>
        private static void NumberLike(Utf8JsonWriter w, string name, string? text, RenderOptions options)
        {
            if (options.AddressNumbersAsNumbers && text is { Length: > 0 and < 16 } && text.All(char.IsAsciiDigit) && (text == "0" || text[0] != '0'))
                w.WriteNumber(name, long.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            else
                w.WriteString(name, text);
        }

        /// <summary>Live rows, or with soft-deleted-visible every row ever stored, in id (creation) order.</summary>
        private static IEnumerable<FormAnswer> Rows(IReadOnlyList<FormAnswer> live, IReadOnlyList<FormAnswer> deleted, RenderOptions options) =>
            options.SoftDeletedVisible && deleted.Count > 0 ? live.Concat(deleted).OrderBy(a => a.Id) : live;

        private static void WriteAnswers(Utf8JsonWriter w, string key, IEnumerable<FormAnswer> answers, Contact c, bool includeRowDetails, bool showDeletedAt)
        {
            w.WriteStartArray(key);
            foreach (var a in answers)
            {
                w.WriteStartObject();
                w.WriteNumber("id", a.Id);
                w.WriteNumber("form_id", a.FormId);
                w.WriteNumber("form_ref_id", a.FormRefId);
                w.WriteString("data", a.Data);
                w.WriteString("date", QomonDates.Milli(a.Date));
                if (includeRowDetails)
                {
                    Nullable(w, "survey_id", a.SurveyId);
                    w.WriteNumber("contact_id", c.Id);
                    w.WriteNumber("group_id", c.GroupId);
                    w.WriteString("created_at", QomonDates.Micro(a.CreatedAt));
                    w.WriteString("updated_at", QomonDates.Micro(a.UpdatedAt));
                }
                if (includeRowDetails || showDeletedAt)
                {
                    if (a.DeletedAt is { } deleted) w.WriteString("deleted_at", QomonDates.Micro(deleted));
                    else w.WriteNull("deleted_at");
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteNotes(Utf8JsonWriter w, Contact c)
        {
            w.WriteStartArray("notes");
            foreach (var n in c.Notes)
            {
                w.WriteStartObject();
                w.WriteNumber("id", n.Id);
                w.WriteNumber("contact_id", c.Id);
                w.WriteString("created_at", QomonDates.Micro(n.CreatedAt));
                w.WriteString("data", n.Data);
                w.WriteNumber("group_id", c.GroupId);
                w.WriteBoolean("only_super_admin", n.OnlySuperAdmin);
                w.WriteBoolean("pinned", n.Pinned);
                w.WriteString("updated_at", QomonDates.Micro(n.UpdatedAt));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void Nullable(Utf8JsonWriter w, string name, long? value)
        {
            if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
        }

        private static void Nullable(Utf8JsonWriter w, string name, int? value) => Nullable(w, name, (long?)value);

        private static void Nullable(Utf8JsonWriter w, string name, double? value)
        {
            if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
        }

        private static readonly string[] Palette = ["#4A90E2", "#50E3C2", "#F5A623", "#D0021B", "#7ED321", "#9013FE", "#BD10E0", "#8B572A"];

        /// <summary>Tags have a colour in Qomon's UI; derive one from the name so it is stable.</summary>
        private static string TagColor(string tag)
        {
            var h = 0;
            foreach (var ch in tag) h = unchecked(h * 31 + char.ToLowerInvariant(ch));
            return Palette[(h & int.MaxValue) % Palette.Length];
        }
    }
}
