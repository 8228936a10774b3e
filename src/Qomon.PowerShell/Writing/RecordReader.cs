using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Input;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Writing
{
    /// <summary>What a write command does with each record's changes.</summary>
    internal enum RecordShape
    {
        /// <summary>Set-QomonContact: the changes are merged into the contact as the server holds it.</summary>
        Merge,
        /// <summary>Set-QomonContact -Replace: the record is the complete contact.</summary>
        Replace,
        /// <summary>New-QomonContact: the record is a new contact; it must not carry an id.</summary>
        Create,
    }

    /// <summary>
    /// Turns each input of a write command into a WriteRecord, on the pipeline thread, before anything is sent:
    /// a Qomon.Contact edited in place becomes the changes made since it was read; anything else is flattened to
    /// (name, value) entries and read by ContactChangesReader with the space's forms. Every problem becomes an
    /// error on the record, which is then never sent.
    /// </summary>
    internal sealed class RecordReader
    {
        private readonly FormCatalog _forms;
        private readonly RecordShape _shape;
        private readonly ContactReadOptions _options;
        private readonly IReadOnlyList<string> _addTags;
        private readonly IReadOnlyList<string> _removeTags;
        private int _position;

        internal RecordReader(FormCatalog forms, RecordShape shape, bool clearEmpty, IReadOnlyList<string>? addTags, IReadOnlyList<string>? removeTags)
        {
            _forms = forms;
            _shape = shape;
            _options = new ContactReadOptions { ClearEmpty = clearEmpty, RequireId = shape != RecordShape.Create };
            _addTags = addTags ?? Array.Empty<string>();
            _removeTags = removeTags ?? Array.Empty<string>();
        }

        internal SkippedEmptyNotice SkippedEmpty { get; } = new SkippedEmptyNotice();

        /// <summary>
        /// -InputObject given an array on the command line (-InputObject $rows) rather than through the pipeline:
        /// one record per item, as the pipeline would have made them.
        /// </summary>
        internal IEnumerable<WriteRecord> FromInputs(PSObject input)
        {
            if (input.BaseObject is IList items && !(input.BaseObject is IDictionary))
            {
                foreach (var item in items) yield return FromInput(PSObject.AsPSObject(item));
            }
            else yield return FromInput(input);
        }

        /// <summary>
        /// A file without an id column (a report's export, a sheet that lost its first column) would fail every row
        /// with the same error, 10,000 times for 10,000 rows: the first record tells, so the command stops once,
        /// before anything is sent, with the columns it found. Null when the input names its contacts.
        /// </summary>
        internal string? MissingIdColumn(PSObject input)
        {
            if (_shape == RecordShape.Create || _position > 0) return null;
            var first = input.BaseObject is IList items && !(input.BaseObject is IDictionary)
                ? (items.Count == 0 ? null : PSObject.AsPSObject(items[0]))
                : input;
            if (first == null || ContactSnapshots.IsQomonContact(first)) return null;
            var names = InputFlattener.Flatten(first).Entries.Select(e => e.Key).ToList();
            if (names.Count == 0 || names.Any(ContactFields.IsIdInputName)) return null;
            return "The input has no Id column, so no record says which contact to change; nothing was sent. Columns found: "
                + string.Join(", ", names) + ". Set-QomonContact needs an Id (or ContactId) column holding each contact's id: "
                + "export with Get-QomonContact -Flat, which puts Id first, or add the column." + MisreadFileHint(names);
        }

        // The two ways a file that has an Id column loses it on the way in.
        private static string MisreadFileHint(List<string> names)
        {
            if (names.Any(n => n.IndexOf(';') > 0 && ContactFields.IsIdInputName(n.Split(';')[0])))
                return " The header looks separated by ';': read the file with Import-Csv -Delimiter ';'.";
            if (names.Any(n => n.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal)))
                return " The first column starts with the file's byte order mark read as text (\u00EF\u00BB\u00BF): read the file with Import-Csv -Encoding utf8.";
            return "";
        }

        /// <summary>-InputObject: a Qomon.Contact, a PSCustomObject (an Import-Csv row), a hashtable, or a bare id.</summary>
        internal WriteRecord FromInput(PSObject input)
        {
            var record = new WriteRecord(++_position, input);
            if (_shape != RecordShape.Create && ContactSnapshots.TryGetEdit(input, out var original, out var edited))
                FromEditedContact(record, input, original, edited);
            else
                FromEntries(record, InputFlattener.Flatten(input));
            return record;
        }

        /// <summary>-Id with -Property: the id comes first, so an id inside -Property must agree with it.</summary>
        internal WriteRecord FromId(long id, IDictionary? properties)
        {
            var record = new WriteRecord(++_position, id);
            var flat = properties == null ? new FlattenedInput() : InputFlattener.Flatten(properties);
            flat.Entries.Insert(0, new KeyValuePair<string, object?>("Id", id));
            FromEntries(record, flat);
            return record;
        }

        private void FromEntries(WriteRecord record, FlattenedInput flat)
        {
            var result = ContactChangesReader.Read(UpdatedAtInput.AsInstant(flat.Entries), _forms, _options);
            record.Id = result.Id;
            if (result.Id.HasValue) record.Target = result.Id.Value;
            record.SeenUpdatedAt = result.UpdatedAt;
            // A merge reads the contact first: its blank cells are judged against it (MergeOperation).
            if (_shape == RecordShape.Merge) record.Blanks = result.Blanks.IsEmpty ? null : result.Blanks;
            else SkippedEmpty.Add(result.SkippedEmpty);

            foreach (var problem in flat.Problems) record.Fail(WriteErrors.InvalidInput(record, problem.Key, problem.Value));
            var hasIdValue = flat.Entries.Any(e => ContactFields.IsIdInputName(e.Key) && !(e.Value is null) && !(e.Value is string text && text.Trim().Length == 0));
            foreach (var problem in result.Problems)
            {
                var errorId = !ContactFields.IsIdInputName(problem.Field) ? ErrorIds.InvalidInput : hasIdValue ? ErrorIds.InvalidId : ErrorIds.MissingId;
                record.Fail(WriteErrors.InvalidInput(record, problem.Field, problem.Message, errorId));
            }
            if (_shape == RecordShape.Create && hasIdValue)
                record.Fail(WriteErrors.InvalidInput(record, "Id", "a new contact gets its id from Qomon; leave Id out (use Set-QomonContact to change an existing contact)", ErrorIds.IdNotAllowed));
            if (!record.IsPending) return;

            var changes = result.Changes;
            if (!ApplyTags(record, changes)) return;
            record.Changes = changes;
            if (_shape != RecordShape.Merge) record.FullContact = ContactWriteShape.Of(new JsonObject(), changes, _forms);
            if (_shape == RecordShape.Create && !HoldsAnyValue(record.FullContact!))
                record.Fail(WriteErrors.InvalidInput(record, "",
                    "the new contact would be blank: no field has a value (a blank CSV row, or -Property @{}). Give at least one field, such as firstname, surname or mail",
                    ErrorIds.EmptyContact));
        }

        // A create like a Set with nothing to change: a contact without one value is never what the caller meant,
        // and Qomon would keep it, blank, in the space.
        private static bool HoldsAnyValue(JsonObject contact) =>
            contact.Any(p => !JsonRead.IsBlank(p.Value) && !(p.Value is JsonArray list && list.Count == 0) && !(p.Value is JsonObject map && map.Count == 0));

        private void FromEditedContact(WriteRecord record, PSObject input, JsonObject original, JsonObject edited)
        {
            if (original.TryGetPropertyValue("id", out var idNode) && JsonRead.TryGetLong(idNode, out var id))
            {
                record.Id = id;
                record.Target = id;
            }
            else
            {
                record.Fail(WriteErrors.InvalidInput(record, "id", "this contact was read without an id", ErrorIds.MissingId));
                return;
            }
            foreach (var added in edited.Where(p => !original.ContainsKey(p.Key)).Select(p => p.Key))
            {
                if (ContactFields.TryResolve(added, out _) || ContactFields.IsReadOnly(added) || ContactFields.IsStructured(added)) continue;
                record.Fail(WriteErrors.InvalidInput(record, added, "a property added to a Qomon.Contact is not a contact field; change answers with -Property @{ 'form:<label>' = ... } or a form:<label> column"));
            }
            // -Replace sends the edited contact whole; both shapes add the Answers view's edits and the tag switches.
            var changes = _shape == RecordShape.Merge ? ContactChangeDetector.Between(original, edited) : new ContactChanges();
            foreach (var problem in ContactEdits.Read(input, original, edited, changes, ErrorIds.InvalidInput))
                record.Fail(WriteErrors.InvalidInput(record, problem.Field, problem.Message, problem.ErrorId));
            if (!record.IsPending || !ApplyTags(record, changes)) return;
            record.Changes = changes;
            if (_shape == RecordShape.Merge)
            {
                record.AsRead = original;
                record.AsReadAt = ContactSnapshots.ReadAtOf(input);
            }
            else record.FullContact = ContactWriteShape.Of(edited, changes, _forms);
        }

        private bool ApplyTags(WriteRecord record, ContactChanges changes)
        {
            try
            {
                foreach (var tag in _addTags) changes.AddTag(tag);
                foreach (var tag in _removeTags) changes.RemoveTag(tag);
                return true;
            }
            catch (ArgumentException e)
            {
                record.Fail(WriteErrors.InvalidInput(record, "tags", e.Message));
                return false;
            }
        }
    }
}
