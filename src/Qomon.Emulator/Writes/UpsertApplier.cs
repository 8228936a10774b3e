using System.Globalization;
using System.Text.Json;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Seeding;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Writes
{
    /// <summary>
    /// Applies one accepted POST /contacts/upsert, as the docs and observations describe it: match by id (or
    /// NationBuilder id), else by mail, else by name; merge what was sent over what is stored; and silently drop the
    /// whole record on any unknown key, form, label or value, or on an id that does not exist.
    /// </summary>
    public sealed class UpsertApplier(Space space)
    {
        /// <summary>Upsert keys of advanced fields and the form kind each one takes (docs, contact-form-fields).</summary>
        private static readonly Dictionary<string, string> AnswerKeys = new()
        {
            ["consents"] = FormKinds.Consent,
            ["status"] = FormKinds.LevelOfSupport,
            ["forms"] = FormKinds.Survey,
            ["custom_fields"] = FormKinds.CustomFields,
            ["actions"] = FormKinds.Tasks,
            ["name_presences"] = FormKinds.PresenceStatus,
        };

        /// <summary>Documented, answered 202, then ignored (observed).</summary>
        private const string IgnoredKey = "presence_status";

        public enum Outcome { Updated, Created, Dropped }

        public Outcome Apply(JsonElement data, DateTime now)
        {
            if (!TryRead(data, out var record)) return Outcome.Dropped;

            Outcome MergeInto(long target) =>
                space.Contacts.Update(target, (current, ids) => Merge(current, record, ids, now)) is null ? Outcome.Dropped : Outcome.Updated;

            if (record.Id is { } id)
            {
                var target = space.Contacts.Get(id)?.Id
                    ?? space.Contacts.FindFirst(c => c.NationbuilderId == id.ToString(CultureInfo.InvariantCulture))?.Id;
                // Observed: an id that does not exist is dropped, not created.
                return target is null ? Outcome.Dropped : MergeInto(target.Value);
            }

            var probe = Merge(new Contact(), record, NoIds.Instance, now);
            if (space.Contacts.FindFirst(c => SamePerson(c, probe)) is { } match) return MergeInto(match.Id);

            var fresh = new Contact
            {
                GroupId = space.GroupId,
                CreatedAt = now,
                LastChange = QomonDates.TruncateToMilliseconds(now),
                LastChangeUserId = ContactReplacer.ApiUserId,
                UserId = ContactReplacer.ApiUserId,
            };
            space.Contacts.Create((newId, ids) => Merge(fresh with { Id = newId }, record, ids, now));
            return Outcome.Created;
        }

        /// <summary>What was sent, as setters over a contact; no setter means "keep" (merge, unlike PATCH).</summary>
        private sealed record UpsertRecord(long? Id, List<Func<Contact, IIdSource, Contact>> Changes, List<AnswerInput> FormDatas, List<AnswerInput> CustomFields);

        private bool TryRead(JsonElement data, out UpsertRecord record)
        {
            record = new UpsertRecord(null, [], [], []);
            if (data.ValueKind != JsonValueKind.Object) return false;
            var r = new FieldReader();
            var reader = new ContactInputReader(space.Forms, strict: true);
            long? id = null;
            foreach (var p in data.EnumerateObject())
            {
                var value = p.Value;
                var location = p.Name;
                if (p.Name == "id") id = r.Long(value, location);
                else if (p.Name == IgnoredKey) continue;
                else if (AnswerKeys.TryGetValue(p.Name, out var kind))
                {
                    var answers = ReadAnswers(value, kind);
                    if (answers is null) return false;
                    (kind == FormKinds.CustomFields ? record.CustomFields : record.FormDatas).AddRange(answers);
                }
                else if (p.Name == "address")
                {
                    // Read once now so that a bad address drops the record; the merge re-reads it over the stored one.
                    reader.ReadAddress(value, location, r);
                    record.Changes.Add((c, ids) => c with { Address = ContactReplacer.Place(c.Address, reader.ReadAddress(value, location, new FieldReader(), c.Address), ids) });
                }
                else if (p.Name == "tags")
                {
                    var tags = reader.ReadTags(value, location, r);
                    record.Changes.Add((c, _) => c with { Tags = [.. c.Tags, .. tags.Where(t => !c.Tags.Contains(t, StringComparer.OrdinalIgnoreCase))] });
                }
                else if (p.Name == "notes")
                {
                    var notes = reader.ReadNotes(value, location, r);
                    record.Changes.Add((c, ids) => c with { Notes = [.. c.Notes, .. notes.Select(n => new Note { Id = ids.NextNoteId(), Data = n.Data, Pinned = n.Pinned, CreatedAt = c.UpdatedAt, UpdatedAt = c.UpdatedAt })] });
                }
                else
                {
                    var probe = new Contact();
                    if (!ContactInputReader.TrySetField(ref probe, p.Name, value, location, r)) return false;
                    record.Changes.Add((c, _) =>
                    {
                        var next = c;
                        ContactInputReader.TrySetField(ref next, p.Name, value, location, new FieldReader());
                        return next;
                    });
                }
            }
            record = record with { Id = id };
            return r.Errors.Count == 0;
        }

        /// <summary>{id|label, value} entries; null when any names an unknown form or value.</summary>
        private List<AnswerInput>? ReadAnswers(JsonElement list, string kind)
        {
            if (list.ValueKind != JsonValueKind.Array) return null;
            var answers = new List<AnswerInput>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) return null;
                Form? form = null;
                string? value = null;
                foreach (var p in item.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "id" when p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var formId):
                            form = space.Forms.Find(formId);
                            break;
                        case "label" when p.Value.ValueKind == JsonValueKind.String:
                            form = space.Forms.FindByLabel(p.Value.GetString()!);
                            break;
                        case "value" when p.Value.ValueKind == JsonValueKind.String:
                            value = p.Value.GetString();
                            break;
                        case "date" or "donedate":
                            // Seen on a live sandbox: Qomon applies the answer and ignores the date; the stored
                            // date is when the upsert applied.
                            break;
                        default:
                            return null;
                    }
                }
                if (form is null || form.Kind != kind || value is null) return null;
                var answer = ToAnswer(form, value);
                if (answer is null) return null;
                answers.Add(answer);
            }
            return answers;
        }

        /// <summary>A refvalue's value or label for choice forms; checked free text for the others.</summary>
        private static AnswerInput? ToAnswer(Form form, string value)
        {
            if (!form.IsFreeText)
                return form.FindRefByValueOrLabel(value) is { } choice ? new AnswerInput(form, choice.Id, choice.Value, null, null) : null;
            var single = form.RefValues[0].Id;
            return form.Type switch
            {
                FormType.Numeric => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? new AnswerInput(form, single, value, null, null) : null,
                FormType.Date => QomonDates.TryParse(value, out var d) ? new AnswerInput(form, single, QomonDates.Milli(d), null, null) : null,
                _ => new AnswerInput(form, single, value, null, null),
            };
        }

        /// <summary>Observed: the merge moves UpdatedAt but not lastchange; answer dates are when the write applied.</summary>
        private static Contact Merge(Contact current, UpsertRecord record, IIdSource ids, DateTime now)
        {
            var next = record.Changes.Aggregate(current, (c, change) => change(c, ids));
            var formDatas = AnswerRules.Merge(next.FormDatas, record.FormDatas, ids, now);
            var customFields = AnswerRules.Merge(next.CustomFields, record.CustomFields, ids, now);
            return next with
            {
                UpdatedAt = now,
                FormDatas = formDatas,
                CustomFields = customFields,
                DeletedFormDatas = AnswerRules.Retire(next.DeletedFormDatas, next.FormDatas.Except(formDatas), now),
                DeletedCustomFields = AnswerRules.Retire(next.DeletedCustomFields, next.CustomFields.Except(customFields), now),
            };
        }

        /// <summary>Matching rules 2 and 3 of the upsert page: same mail (and names when given), else same names.</summary>
        private static bool SamePerson(Contact stored, Contact sent)
        {
            if (!string.IsNullOrEmpty(sent.Mail))
            {
                return string.Equals(stored.Mail, sent.Mail, StringComparison.OrdinalIgnoreCase)
                    && (string.IsNullOrEmpty(sent.Firstname) || Same(stored.Firstname, sent.Firstname))
                    && (string.IsNullOrEmpty(sent.Surname) || Same(stored.Surname, sent.Surname));
            }
            if (string.IsNullOrEmpty(sent.Firstname) || string.IsNullOrEmpty(sent.Surname)
                || !Same(stored.Firstname, sent.Firstname) || !Same(stored.Surname, sent.Surname))
                return false;
            var birthdatesCompared = stored.Birthdate is not null && sent.Birthdate is not null;
            if (birthdatesCompared && stored.Birthdate != sent.Birthdate) return false;
            if (stored.Address is { } a && sent.Address is { } b)
            {
                if (!Same(a.City, b.City) && !Same(a.Postalcode, b.Postalcode)) return false;
                if (!birthdatesCompared && !Same(a.Street, b.Street)) return false;
            }
            return true;
        }

        private static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
