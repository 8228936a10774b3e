using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>The state of reading one record: what was found, what was wrong, and which target each name reached.</summary>
    internal sealed class ContactInputReading
    {

        private readonly FormCatalog _forms;
        private readonly ContactReadOptions _options;
        private readonly ContactChanges _changes = new ContactChanges();
        private readonly List<InputProblem> _problems = new List<InputProblem>();
        private readonly BlankCells _blanks = new BlankCells();

        // target path → (input name, fingerprint of the value): the same field named twice must agree.
        private readonly Dictionary<string, KeyValuePair<string, string>> _targets = new Dictionary<string, KeyValuePair<string, string>>(StringComparer.OrdinalIgnoreCase);
        private long? _id;
        private string? _idName;
        private bool _idRejected;
        private DateTimeOffset? _updatedAt;

        public ContactInputReading(FormCatalog forms, ContactReadOptions options)
        {
            _forms = forms;
            _options = options;
        }

        public void Visit(string? rawName, object? value)
        {
            if (value is JsonNode json) value = InputValues.FromJson(json);
            var name = ContactFields.InputName(rawName);
            if (name.Length == 0)
            {
                Problem("(no name)", "a value was given without a field name");
                return;
            }
            if (StartsWith(name, AnswerKinds.FormPrefix)) { ReadAnswer(name, AnswerKind.FormData, value); return; }
            if (StartsWith(name, AnswerKinds.CustomPrefix)) { ReadAnswer(name, AnswerKind.CustomField, value); return; }
            if (ContactFields.IsIdInputName(name)) { ReadId(name, value); return; }
            if (name.Equals(ContactFields.UpdatedAtKey, StringComparison.OrdinalIgnoreCase)) { ReadUpdatedAt(name, value); return; }
            if (ContactFields.IsReadOnly(name)) return; // a piped contact carries them; they are never written

            if (name.Equals(ContactFields.AddressKey, StringComparison.OrdinalIgnoreCase))
            {
                ReadAddress(name, value);
                return;
            }
            if (StartsWith(name, ContactFields.AddressPrefix) && ContactFields.IsReadOnlyAddressPart(name.Substring(ContactFields.AddressPrefix.Length))) return;
            if (ContactFields.IsAnswerListKey(name.ToLowerInvariant()))
            {
                ReadAnswerList(name, name.ToLowerInvariant() == AnswerKinds.FormDatasKey ? AnswerKind.FormData : AnswerKind.CustomField, value);
                return;
            }

            if (!ContactFields.TryResolve(name, out var field))
            {
                Problem(name, UnknownFieldMessage.For(name, _forms));
                return;
            }
            ReadField(name, field, value);
        }

        public ContactReadResult Finish()
        {
            if (_options.RequireId && !_id.HasValue && !_idRejected) _problems.Insert(0, new InputProblem("Id", "no contact id: give Id, id or ContactId (a positive whole number)"));
            return new ContactReadResult(_changes, _id, _updatedAt, _problems, _blanks);
        }

        private void ReadAddress(string name, object? value)
        {
            if (value == null) { Claim(name, ContactFields.AddressKey, "null"); _changes.ClearField(ContactFields.AddressKey); return; }
            if (InputValues.IsEmptyText(value))
            {
                if (_options.ClearEmpty) { Claim(name, ContactFields.AddressKey, "null"); _changes.ClearField(ContactFields.AddressKey); }
                else _blanks.Add(name, ContactFields.AddressKey, clears => clears.ClearField(ContactFields.AddressKey));
                return;
            }
            if (!InputValues.IsMap(value))
            {
                Problem(name, "the address has parts: name them address.city, address.postalcode... or give a nested object");
                return;
            }
            foreach (var part in InputValues.EntriesOf(value!)) Visit(ContactFields.AddressPrefix + (part.Key ?? "").Trim(), part.Value);
        }

        private void ReadField(string name, ContactField field, object? value)
        {
            if (value == null) { Clear(name, field); return; }
            if (InputValues.IsEmptyText(value))
            {
                if (_options.ClearEmpty) Clear(name, field);
                else _blanks.Add(name, field.Path, clears => ClearIn(clears, field));
                return;
            }
            switch (field.Type)
            {
                case ContactFieldType.Tags: ReadTags(name, value); return;
                case ContactFieldType.Notes: ReadNotes(name, value); return;
            }
            if (InputValues.IsList(value) && field.Type != ContactFieldType.IdList)
            {
                Problem(name, $"takes one value, got {InputValues.Describe(value)}");
                return;
            }
            var node = FieldValueReader.Read(field, value, _options.MaxTextLength, out var problem);
            if (problem != null) { Problem(name, problem); return; }
            if (Claim(name, field.Path, node!.ToJsonString())) _changes.SetField(field.Path, node);
        }

        private void Clear(string name, ContactField field)
        {
            if (Claim(name, field.Path, "null")) ClearIn(_changes, field);
        }

        private static void ClearIn(ContactChanges changes, ContactField field)
        {
            if (field.Type == ContactFieldType.Tags) changes.ClearTags();
            else if (field.Type == ContactFieldType.Notes) changes.SetNotes(null);
            else changes.ClearField(field.Path);
        }

        private void ReadTags(string name, object value)
        {
            var tags = TagInputReader.Read(value, _options.MaxTextLength, out var problem);
            if (tags == null) { Problem(name, problem ?? "invalid tags"); return; }
            if (Claim(name, ContactFields.TagsKey, string.Join(";", tags))) _changes.SetTags(tags);
        }

        private void ReadNotes(string name, object value)
        {
            var notes = NoteInputReader.Read(value, _options.MaxTextLength, out var problem);
            if (notes == null) { Problem(name, problem ?? "invalid notes"); return; }
            if (Claim(name, ContactFields.NotesKey, notes.ToJsonString())) _changes.SetNotes(notes);
        }

        private void ReadAnswer(string name, AnswerKind kind, object? value)
        {
            var prefix = kind == AnswerKind.CustomField ? AnswerKinds.CustomPrefix : AnswerKinds.FormPrefix;
            var key = name.Substring(prefix.Length).Trim();
            var mode = '=';
            var lookup = _forms.Resolve(key, kind);
            // A label may itself end in + or - ("Age 65+"): the whole label wins; otherwise the suffix is the mode.
            if (lookup.Form == null && key.Length > 1 && (key[key.Length - 1] == '+' || key[key.Length - 1] == '-'))
            {
                var stripped = _forms.Resolve(key.Substring(0, key.Length - 1), kind);
                if (stripped.Form != null)
                {
                    mode = key[key.Length - 1];
                    lookup = stripped;
                }
            }
            if (lookup.Form == null)
            {
                Problem(name, lookup.Problem ?? "unknown form");
                return;
            }
            var form = lookup.Form;
            if (mode != '=' && !form.IsCheckbox)
            {
                Problem(name, $"a trailing '{mode}' adds or removes one value of a checkbox answer; '{form.Label}' is a {(form.Type.Length == 0 ? "single-value" : form.Type)} form: use {prefix}{form.Label}");
                return;
            }
            var path = AnswerKinds.PathOf(kind, form.Id);
            if (value == null || InputValues.IsEmptyText(value))
            {
                if (value != null && !_options.ClearEmpty && mode == '=') { _blanks.Add(name, path, clears => clears.ClearAnswer(kind, form.Id)); return; }
                if (value != null && !_options.ClearEmpty) { _blanks.Add(name); return; }
                if (mode != '=')
                {
                    if (value == null) Problem(name, $"'{mode}' needs a value to {(mode == '+' ? "add" : "remove")}");
                    else _blanks.Add(name);
                    return;
                }
                if (Claim(name, path, "null")) _changes.ClearAnswer(kind, form.Id);
                return;
            }
            var values = AnswerValueReader.Read(form, value, _options.MaxTextLength, out var problem);
            if (values == null)
            {
                Problem(name, problem ?? "invalid answer");
                return;
            }
            if (!Claim(name, path + (mode == '=' ? "" : mode.ToString()), Fingerprint(values))) return;
            if (mode == '=' ? _targets.ContainsKey(path + "+") || _targets.ContainsKey(path + "-") : _targets.ContainsKey(path))
            {
                Problem(name, "the same answer is both set and changed with +/-: give one or the other");
                return;
            }
            foreach (var answer in values)
            {
                if (mode == '+') _changes.AddAnswerValue(kind, form.Id, answer);
                else if (mode == '-') _changes.RemoveAnswerValue(kind, form.Id, answer);
            }
            if (mode == '=') _changes.SetAnswer(kind, form.Id, values);
        }

        private void ReadAnswerList(string name, AnswerKind kind, object? value)
        {
            if (value == null || InputValues.IsEmptyText(value)) { _blanks.Add(name); return; }
            var byForm = AnswerListInputReader.Read(kind, value, _forms, _options.MaxTextLength, out var problem);
            if (byForm == null) { Problem(name, problem ?? "invalid answers"); return; }
            foreach (var form in byForm)
            {
                if (Claim(name, AnswerKinds.PathOf(kind, form.Key), Fingerprint(form.Value))) _changes.SetAnswer(kind, form.Key, form.Value);
            }
        }

        private void ReadId(string name, object? value)
        {
            if (value == null || InputValues.IsEmptyText(value)) return;
            var number = FieldValueReader.ReadPositiveId(value, out var problem);
            if (!number.HasValue)
            {
                Problem(name, problem != null && problem.StartsWith("expected", StringComparison.Ordinal)
                    ? "the contact id must be a positive whole number, got " + InputValues.Describe(value)
                    : "the contact id " + problem);
                _idRejected = true;
                return;
            }
            if (_id.HasValue && _id.Value != number.Value)
            {
                Problem(name, $"{number.Value.ToString(CultureInfo.InvariantCulture)} disagrees with {_idName}={_id.Value.ToString(CultureInfo.InvariantCulture)}");
                return;
            }
            _id = number;
            _idName = name;
        }

        private void ReadUpdatedAt(string name, object? value)
        {
            if (value == null || InputValues.IsEmptyText(value)) return;
            if (FieldValueReader.TryReadDate(value, out var date, out var problem)) _updatedAt = date;
            else Problem(name, problem ?? "not a date");
        }

        /// <summary>Records that name reached target; false (and a problem) when another name reached it with a different value.</summary>
        private bool Claim(string name, string target, string fingerprint)
        {
            if (_targets.TryGetValue(target, out var earlier))
            {
                if (earlier.Value == fingerprint) return false; // the same value twice (mail and its alias Email): once is enough
                Problem(name, $"given twice with different values (also as '{earlier.Key}')");
                return false;
            }
            _targets.Add(target, new KeyValuePair<string, string>(name, fingerprint));
            return true;
        }

        private void Problem(string field, string message) => _problems.Add(new InputProblem(field, message));

        private static string Fingerprint(List<AnswerValue> values)
        {
            var text = new StringBuilder();
            foreach (var value in values) text.Append(value.RefId.ToString(CultureInfo.InvariantCulture)).Append('=').Append(value.Data).Append('\u001f');
            return text.ToString();
        }

        private static bool StartsWith(string name, string prefix) => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
