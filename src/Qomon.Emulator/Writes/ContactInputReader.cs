using System.Globalization;
using System.Text.Json;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Seeding;
using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Writes
{
    /// <summary>
    /// Turns the "contact" object of POST /contacts and PATCH /contacts/{id} into a ContactInput. Types are
    /// checked, formdatas and custom_fields are checked against the space's forms, and read-only or unknown
    /// fields are ignored, or in strict mode reported, so that a client learns what the server would drop.
    /// </summary>
    public sealed class ContactInputReader(FormCatalog forms, bool strict, UnknownFieldsMode unknownFields = UnknownFieldsMode.Ignore)
    {
        /// <summary>The response name of custom_fields (custom-fields-key): never stored as an unknown field, so a client that writes it back loses its custom fields as on Qomon.</summary>
        private const string CustomFieldsResponseKey = EmulatorSettings.CustomFieldsJoined;

        private const string Root = "data.contact";

        private delegate Contact Setter(Contact draft, JsonElement value, string location, FieldReader r);

        /// <summary>Fields the server sets itself (§5 of the API notes).</summary>
        private static readonly HashSet<string> ReadOnlyContactFields =
            ["id", "group_id", "CreatedAt", "UpdatedAt", "lastchange", "lastchangeuserid", "user_id", "actions_ids", "interactions"];
        private static readonly HashSet<string> ReadOnlyAddressFields = ["id", "score", "latitude", "longitude", "location", "invalid"];
        private static readonly HashSet<string> ReadOnlyAnswerFields =
            ["id", "created_at", "updated_at", "deleted_at", "donedate", "label", "type_of_form", "group_id", "contact_id"];
        private static readonly HashSet<string> ReadOnlyTagFields = ["color", "appearance_count"];
        /// <summary>The request schema of notes carries these too (published PATCH page), so they are not errors.</summary>
        private static readonly HashSet<string> NoteFields = ["id", "data", "content", "pinned", "only_super_admin", "contact_id", "created_at", "updated_at", "group_id", "user"];

        private static readonly Dictionary<string, Setter> ContactFields = new()
        {
            ["firstname"] = (c, v, l, r) => c with { Firstname = r.String(v, l) },
            ["surname"] = (c, v, l, r) => c with { Surname = r.String(v, l) },
            ["married_name"] = (c, v, l, r) => c with { MarriedName = r.String(v, l) },
            ["gender"] = (c, v, l, r) => c with { Gender = Gender(v, l, r) },
            ["birthdate"] = (c, v, l, r) => c with { Birthdate = r.Date(v, l)?.Date },
            ["age_category"] = (c, v, l, r) => c with { AgeCategory = AgeCategory(v, l, r) },
            // The published page spells birth places with underscores, the older spec without: take both.
            ["birth_city"] = (c, v, l, r) => c with { BirthCity = r.String(v, l) },
            ["birthcity"] = (c, v, l, r) => c with { BirthCity = r.String(v, l) },
            ["birth_country"] = (c, v, l, r) => c with { BirthCountry = r.String(v, l) },
            ["birthcountry"] = (c, v, l, r) => c with { BirthCountry = r.String(v, l) },
            ["birth_dept"] = (c, v, l, r) => c with { BirthDept = r.String(v, l) },
            ["birthdept"] = (c, v, l, r) => c with { BirthDept = r.String(v, l) },
            ["nationality"] = (c, v, l, r) => c with { Nationality = r.String(v, l) },
            ["mail"] = (c, v, l, r) => c with { Mail = r.String(v, l) },
            ["phone"] = (c, v, l, r) => c with { Phone = r.String(v, l) },
            ["mobile"] = (c, v, l, r) => c with { Mobile = r.String(v, l) },
            ["mobile_invalid"] = (c, v, l, r) => c with { MobileInvalid = r.Bool(v, l) ?? false },
            ["phone_invalid"] = (c, v, l, r) => c with { PhoneInvalid = r.Bool(v, l) ?? false },
            ["black_list"] = (c, v, l, r) => c with { BlackList = r.Bool(v, l) ?? false },
            ["nationbuilderid"] = (c, v, l, r) => c with { NationbuilderId = r.StringOrNumber(v, l) },
            ["user_contact_id"] = (c, v, l, r) => c with { UserContactId = r.Long(v, l) },
            ["action_ids"] = (c, v, l, r) => c with { ActionIds = [.. r.Array(v, l).Select(i => r.Long(i.Item, i.Location)).OfType<long>()] },
        };

        private static readonly Dictionary<string, Func<Address, JsonElement, string, FieldReader, Address>> AddressFields = new()
        {
            ["housenumber"] = (a, v, l, r) => a with { Housenumber = r.StringOrNumber(v, l) },
            ["street"] = (a, v, l, r) => a with { Street = r.String(v, l) },
            ["addition"] = (a, v, l, r) => a with { Addition = r.String(v, l) },
            ["building"] = (a, v, l, r) => a with { Building = r.String(v, l) },
            ["building_type"] = (a, v, l, r) => a with { BuildingType = r.String(v, l) },
            ["floor"] = (a, v, l, r) => a with { Floor = r.StringOrNumber(v, l) },
            ["door"] = (a, v, l, r) => a with { Door = r.StringOrNumber(v, l) },
            ["postalcode"] = (a, v, l, r) => a with { Postalcode = r.StringOrNumber(v, l) },
            ["citycode"] = (a, v, l, r) => a with { Citycode = r.StringOrNumber(v, l) },
            ["city"] = (a, v, l, r) => a with { City = r.String(v, l) },
            ["county"] = (a, v, l, r) => a with { County = r.String(v, l) },
            ["state"] = (a, v, l, r) => a with { State = r.String(v, l) },
            ["country"] = (a, v, l, r) => a with { Country = r.String(v, l) },
            ["infos"] = (a, v, l, r) => a with { Infos = r.String(v, l) },
            ["pollingstation"] = (a, v, l, r) => a with { Pollingstation = r.StringOrNumber(v, l) },
        };

        public sealed record Result(ContactInput Input, IReadOnlyList<FieldError> Errors);

        /// <summary>Reads {"data":{"contact":{…}}}; a body of another shape is a 400.</summary>
        public Result ReadBody(JsonElement body)
        {
            if (body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("contact", out var contact) || contact.ValueKind != JsonValueKind.Object)
                throw ProblemException.BadRequest("The body must be {\"data\":{\"contact\":{…}}}.");
            return Read(contact);
        }

        public Result Read(JsonElement contact)
        {
            var r = new FieldReader();
            var input = new ContactInput();
            foreach (var p in contact.EnumerateObject())
            {
                var location = $"{Root}.{p.Name}";
                if (ContactFields.TryGetValue(p.Name, out var set)) input = input with { Draft = set(input.Draft, p.Value, location, r) };
                else if (p.Name == "address") input = input with { Draft = input.Draft with { Address = ReadAddress(p.Value, location, r) } };
                else if (p.Name == "tags") input = input with { Draft = input.Draft with { Tags = ReadTags(p.Value, location, r) } };
                else if (p.Name == "notes") input = input with { Notes = ReadNotes(p.Value, location, r) };
                else if (p.Name == "formdatas") input = input with { FormDatas = ReadAnswers(p.Value, location, r, custom: false) };
                else if (p.Name == "custom_fields") input = input with { CustomFields = ReadAnswers(p.Value, location, r, custom: true) };
                else if (ReadOnlyContactFields.Contains(p.Name)) Extra(r, location, readOnly: true, p.Value);
                else input = input with { Draft = Unknown(input.Draft, p, location, r) };
            }
            return new Result(input, r.Errors);
        }

        /// <summary>A top-level field nobody knows: per unknown-fields, refused, kept as sent, or left to strict.</summary>
        private Contact Unknown(Contact draft, JsonProperty p, string location, FieldReader r)
        {
            if (unknownFields == UnknownFieldsMode.Reject) r.Fail(location, "is not a known field", p.Value);
            else if (unknownFields == UnknownFieldsMode.Store && p.Name != CustomFieldsResponseKey)
                return draft with { UnknownFields = [.. draft.UnknownFields.Where(f => f.Key != p.Name), new(p.Name, p.Value.Clone())] };
            else Extra(r, location, readOnly: false, p.Value);
            return draft;
        }

        /// <summary>A field the server does not take: ignored, or a 422 in strict mode.</summary>
        private void Extra(FieldReader r, string location, bool readOnly, JsonElement value)
        {
            if (strict) r.Fail(location, readOnly ? "is read-only" : "is not a known field", value);
        }

        /// <summary>Sets one plain contact field from JSON; false when the name is not a plain writable field.</summary>
        internal static bool TrySetField(ref Contact contact, string name, JsonElement value, string location, FieldReader r)
        {
            if (!ContactFields.TryGetValue(name, out var set)) return false;
            contact = set(contact, value, location, r);
            return true;
        }

        /// <summary>Reads an address; given a start address, the sent keys are laid over it (upsert's merge).</summary>
        internal Address? ReadAddress(JsonElement e, string location, FieldReader r, Address? start = null)
        {
            if (e.ValueKind == JsonValueKind.Null || !r.IsObject(e, location)) return null;
            var address = start ?? new Address();
            foreach (var p in e.EnumerateObject())
            {
                var l = $"{location}.{p.Name}";
                if (AddressFields.TryGetValue(p.Name, out var set)) address = set(address, p.Value, l, r);
                else Extra(r, l, ReadOnlyAddressFields.Contains(p.Name), p.Value);
            }
            return address;
        }

        internal List<string> ReadTags(JsonElement e, string location, FieldReader r)
        {
            var tags = new List<string>();
            foreach (var (item, l) in r.Array(e, location))
            {
                if (!r.IsObject(item, l)) continue;
                foreach (var p in item.EnumerateObject())
                {
                    if (p.Name == "name")
                    {
                        if (r.String(p.Value, $"{l}.name") is { Length: > 0 } name && !tags.Contains(name, StringComparer.OrdinalIgnoreCase))
                            tags.Add(name);
                    }
                    else Extra(r, $"{l}.{p.Name}", ReadOnlyTagFields.Contains(p.Name), p.Value);
                }
            }
            return tags;
        }

        internal List<NoteInput> ReadNotes(JsonElement e, string location, FieldReader r)
        {
            var notes = new List<NoteInput>();
            foreach (var (item, l) in r.Array(e, location))
            {
                if (!r.IsObject(item, l)) continue;
                long? id = null;
                string? text = null;
                bool pinned = false, superAdmin = false;
                foreach (var p in item.EnumerateObject())
                {
                    var pl = $"{l}.{p.Name}";
                    switch (p.Name)
                    {
                        case "id": id = r.Long(p.Value, pl); break;
                        case "data" or "content": text = r.String(p.Value, pl); break;
                        case "pinned": pinned = r.Bool(p.Value, pl) ?? false; break;
                        case "only_super_admin": superAdmin = r.Bool(p.Value, pl) ?? false; break;
                        default: if (!NoteFields.Contains(p.Name)) Extra(r, pl, false, p.Value); break;
                    }
                }
                notes.Add(new NoteInput(id, text, pinned, superAdmin));
            }
            return notes;
        }

        private List<AnswerInput> ReadAnswers(JsonElement e, string location, FieldReader r, bool custom)
        {
            var answers = new List<AnswerInput>();
            foreach (var (item, l) in r.Array(e, location))
            {
                if (!r.IsObject(item, l)) continue;
                if (ReadAnswer(item, l, r, custom) is { } answer) answers.Add(answer);
            }
            return answers;
        }

        private AnswerInput? ReadAnswer(JsonElement item, string l, FieldReader r, bool custom)
        {
            long? formId = null, refId = null, surveyId = null;
            string? data = null;
            DateTime? date = null;
            var errorsBefore = r.Errors.Count;
            foreach (var p in item.EnumerateObject())
            {
                var pl = $"{l}.{p.Name}";
                switch (p.Name)
                {
                    case "form_id": formId = r.Long(p.Value, pl); break;
                    case "form_ref_id": refId = r.Long(p.Value, pl); break;
                    case "data": data = r.StringOrNumber(p.Value, pl); break;
                    case "date": date = r.Date(p.Value, pl); break;
                    case "survey_id": surveyId = r.Long(p.Value, pl); break;
                    default: Extra(r, pl, ReadOnlyAnswerFields.Contains(p.Name), p.Value); break;
                }
            }
            if (r.Errors.Count > errorsBefore) return null;

            var form = formId is { } fid ? forms.Find(fid) : null;
            if (form is null || (form.Kind == FormKinds.CustomFields) != custom)
            {
                var where = custom ? "custom field" : "form (formdatas take every kind but custom fields)";
                r.Fail($"{l}.form_id", formId is null ? "is required" : $"is not a known {where}", JsonSerializer.SerializeToElement(formId));
                return null;
            }

            var refValue = refId is { } rid ? form.FindRef(rid)
                : form.IsFreeText ? form.RefValues[0]
                : data is null ? null : form.FindRefByValueOrLabel(data);
            if (refValue is null)
            {
                r.Fail($"{l}.form_ref_id", refId is null ? "is required" : $"is not a value of form {form.Id}", JsonSerializer.SerializeToElement(refId));
                return null;
            }

            if (!form.IsFreeText) return new AnswerInput(form, refValue.Id, refValue.Value, date, surveyId);
            return FreeTextData(form, data, $"{l}.data", r) is { } text ? new AnswerInput(form, refValue.Id, text, date, surveyId) : null;
        }

        /// <summary>Free text is checked by form type: numeric must be a number, date an ISO date (stored with ms).</summary>
        private static string? FreeTextData(Form form, string? data, string location, FieldReader r)
        {
            var value = JsonSerializer.SerializeToElement(data);
            if (data is null) { r.Fail(location, "is required for a " + form.TypeName + " form", value); return null; }
            switch (form.Type)
            {
                case FormType.Numeric when !decimal.TryParse(data, NumberStyles.Number, CultureInfo.InvariantCulture, out _):
                    r.Fail(location, "must be a number for a numeric form", value);
                    return null;
                case FormType.Date when !QomonDates.TryParse(data, out _):
                    r.Fail(location, "must be an ISO 8601 date for a date form", value);
                    return null;
                case FormType.Date:
                    QomonDates.TryParse(data, out var d);
                    return QomonDates.Milli(d);
                default:
                    return data;
            }
        }

        private static string? Gender(JsonElement v, string l, FieldReader r)
        {
            var g = r.String(v, l);
            if (string.IsNullOrEmpty(g)) return null;
            if (g is "F" or "M" or "O") return g;
            r.Fail(l, "must be F, M or O", v);
            return null;
        }

        private static int? AgeCategory(JsonElement v, string l, FieldReader r)
        {
            var n = r.Long(v, l);
            if (n is null or (>= 0 and <= 6)) return (int?)n;
            r.Fail(l, "must be an integer from 0 to 6", v);
            return null;
        }
    }
}
