using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// What a caller wants changed on one contact, and nothing else: whatever is not named here stays as the
    /// server holds it. Fields are set or cleared by path, tags and checkbox answers can be changed one value at a
    /// time, so that a concurrent edit of the other values survives the merge.
    /// </summary>
    public sealed class ContactChanges
    {
        private readonly List<FieldEdit> _fields = new List<FieldEdit>();
        private readonly List<AnswerChange> _answers = new List<AnswerChange>();
        private readonly List<string> _tagsAdded = new List<string>();
        private readonly List<string> _tagsRemoved = new List<string>();
        private List<string>? _tagSet;
        private JsonArray? _notes;

        public IReadOnlyList<FieldEdit> Fields => _fields;

        /// <summary>The complete tag list when tags are set as a whole; null when only added or removed.</summary>
        public IReadOnlyList<string>? TagSet => _tagSet;

        public IReadOnlyList<string> TagsAdded => _tagsAdded;
        public IReadOnlyList<string> TagsRemoved => _tagsRemoved;

        /// <summary>True when the notes are replaced by Notes (an empty list removes them all).</summary>
        public bool NotesSet { get; private set; }

        public JsonArray? Notes => _notes;

        public IReadOnlyList<AnswerChange> Answers => _answers;

        public bool IsEmpty => _fields.Count == 0 && _answers.Count == 0 && _tagSet == null && _tagsAdded.Count == 0 && _tagsRemoved.Count == 0 && !NotesSet;

        /// <summary>
        /// Sets a field (null clears it). The path is a top-level field (birthcity and birth_city are the same),
        /// an address part (address.city) or a friendly name (City); unknown top-level names are allowed, for
        /// fields this code does not know. Tags, notes and answers have their own methods.
        /// </summary>
        public void SetField(string path, JsonNode? value) => Store(CanonicalPath(path, value, allowAliases: true), value);

        /// <summary>Sets a field named by its JSON key exactly as the contact has it (no friendly names): the change detector's way.</summary>
        internal void SetFieldExact(string path, JsonNode? value) => Store(CanonicalPath(path, value, allowAliases: false), value);

        private void Store(string canonical, JsonNode? value)
        {
            if (value != null && value.Parent != null) value = value.DeepClone(); // a node has one parent; keep ours free
            for (var i = 0; i < _fields.Count; i++)
            {
                if (_fields[i].Path == canonical)
                {
                    _fields[i].Value = value;
                    return;
                }
            }
            _fields.Add(new FieldEdit(canonical, value));
        }

        public void ClearField(string path) => SetField(path, null);

        /// <summary>The edit of a path, if any (null value = clear).</summary>
        public FieldEdit? FindField(string path)
        {
            foreach (var field in _fields)
            {
                if (string.Equals(field.Path, path, StringComparison.OrdinalIgnoreCase)) return field;
            }
            return null;
        }

        /// <summary>The tags become exactly these (case-insensitive duplicates dropped); later AddTag/RemoveTag apply on top.</summary>
        public void SetTags(IEnumerable<string> names)
        {
            if (names == null) throw new ArgumentNullException(nameof(names));
            _tagSet = new List<string>();
            _tagsAdded.Clear();
            _tagsRemoved.Clear();
            foreach (var name in names) AddUnique(_tagSet, CheckTag(name));
        }

        public void ClearTags() => SetTags(Array.Empty<string>());

        /// <summary>Adds one tag and keeps the others (-AddTag).</summary>
        public void AddTag(string name)
        {
            var tag = CheckTag(name);
            if (_tagSet != null)
            {
                AddUnique(_tagSet, tag);
                return;
            }
            RemoveIgnoringCase(_tagsRemoved, tag);
            AddUnique(_tagsAdded, tag);
        }

        /// <summary>Removes one tag (compared ignoring case) and keeps the others (-RemoveTag).</summary>
        public void RemoveTag(string name)
        {
            var tag = CheckTag(name);
            if (_tagSet != null)
            {
                RemoveIgnoringCase(_tagSet, tag);
                return;
            }
            RemoveIgnoringCase(_tagsAdded, tag);
            AddUnique(_tagsRemoved, tag);
        }

        /// <summary>Replaces all notes with these (each {data|content, pinned?, id?...}); null or empty removes them all.</summary>
        public void SetNotes(JsonArray? newNotes)
        {
            NotesSet = true;
            _notes = newNotes == null ? new JsonArray() : newNotes.Parent == null ? newNotes : (JsonArray)newNotes.DeepClone();
        }

        /// <summary>
        /// The form's answers become exactly these values, as a multiset: a value given twice is two entries (a text,
        /// numeric or date form can hold the same value on several dates); an entry the contact holds is kept with
        /// its date for each copy asked for, the others are new. None clears the form's answers.
        /// </summary>
        public void SetAnswer(AnswerKind kind, long formId, IEnumerable<AnswerValue> values)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            var change = AnswerFor(kind, formId);
            change.IsExact = true;
            change.AddedList.Clear();
            change.RemovedList.Clear();
            change.ValueList.Clear();
            foreach (var value in values)
            {
                if (value != null) change.ValueList.Add(value);
            }
        }

        public void ClearAnswer(AnswerKind kind, long formId) => SetAnswer(kind, formId, Array.Empty<AnswerValue>());

        /// <summary>Adds one value to a checkbox answer and keeps the others; a value the answer already holds is not added again.</summary>
        public void AddAnswerValue(AnswerKind kind, long formId, AnswerValue value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var change = AnswerFor(kind, formId);
            if (change.IsExact)
            {
                if (!AnswerChange.Contains(change.ValueList, value)) change.ValueList.Add(value);
                return;
            }
            RemoveValue(change.RemovedList, value);
            if (!AnswerChange.Contains(change.AddedList, value)) change.AddedList.Add(value);
        }

        /// <summary>Removes a value from an answer, every copy of it, and keeps the other values.</summary>
        public void RemoveAnswerValue(AnswerKind kind, long formId, AnswerValue value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var change = AnswerFor(kind, formId);
            if (change.IsExact)
            {
                RemoveValue(change.ValueList, value);
                return;
            }
            RemoveValue(change.AddedList, value);
            if (!AnswerChange.Contains(change.RemovedList, value)) change.RemovedList.Add(value);
        }

        public AnswerChange? FindAnswer(AnswerKind kind, long formId)
        {
            foreach (var answer in _answers)
            {
                if (answer.Kind == kind && answer.FormId == formId) return answer;
            }
            return null;
        }

        /// <summary>
        /// The paths these changes touch, in the vocabulary ConflictDetector compares: field paths (firstname,
        /// address.city), "address" when the whole address is cleared, "tags" for a full tag set or tags[Name] per
        /// added or removed tag, "notes", and form:&lt;id&gt; / custom:&lt;id&gt; per answered form.
        /// </summary>
        public IReadOnlyList<string> TouchedPaths
        {
            get
            {
                var paths = new List<string>(_fields.Count + _answers.Count + 2);
                foreach (var edit in _fields) paths.Add(edit.Path);
                if (_tagSet != null) paths.Add(ContactFields.TagsKey);
                foreach (var tag in _tagsAdded) paths.Add(ContactPaths.Tag(tag));
                foreach (var tag in _tagsRemoved) paths.Add(ContactPaths.Tag(tag));
                if (NotesSet) paths.Add(ContactFields.NotesKey);
                foreach (var answer in _answers) paths.Add(answer.Path);
                return paths;
            }
        }

        /// <summary>A one-line summary with ids; see Describe for labels.</summary>
        public override string ToString() => Describe(FormCatalog.Empty);

        /// <summary>A one-line summary such as: set firstname='Ann', address.city='Lyon'; clear married_name; tags +VIP; form:Consent = 'Email'.</summary>
        public string Describe(FormCatalog forms)
        {
            if (IsEmpty) return "no changes";
            var text = new StringBuilder();
            foreach (var field in _fields)
            {
                Separate(text);
                if (field.IsClear) text.Append("clear ").Append(field.Path);
                else text.Append(field.Path).Append("='").Append(DisplayText.Of(field.Value)).Append('\'');
            }
            if (_tagSet != null)
            {
                Separate(text);
                text.Append("tags='").Append(string.Join(";", _tagSet)).Append('\'');
            }
            foreach (var tag in _tagsAdded) { Separate(text); text.Append("tags +'").Append(tag).Append('\''); }
            foreach (var tag in _tagsRemoved) { Separate(text); text.Append("tags -'").Append(tag).Append('\''); }
            if (NotesSet) { Separate(text); text.Append("notes (").Append(_notes!.Count).Append(')'); }
            foreach (var answer in _answers)
            {
                Separate(text);
                var path = forms.DisplayPath(answer.Kind, answer.FormId);
                if (answer.IsExact)
                {
                    if (answer.ValueList.Count == 0) { text.Append("clear ").Append(path); continue; }
                    text.Append(path).Append("='").Append(JoinAnswers(forms, answer.FormId, answer.ValueList)).Append('\'');
                    continue;
                }
                if (answer.AddedList.Count > 0) text.Append(path).Append(" +'").Append(JoinAnswers(forms, answer.FormId, answer.AddedList)).Append('\'');
                if (answer.AddedList.Count > 0 && answer.RemovedList.Count > 0) text.Append(", ");
                if (answer.RemovedList.Count > 0) text.Append(path).Append(" -'").Append(JoinAnswers(forms, answer.FormId, answer.RemovedList)).Append('\'');
            }
            return text.ToString();
        }

        private AnswerChange AnswerFor(AnswerKind kind, long formId)
        {
            var existing = FindAnswer(kind, formId);
            if (existing != null) return existing;
            var created = new AnswerChange(kind, formId);
            _answers.Add(created);
            return created;
        }

        private static string CanonicalPath(string path, JsonNode? value, bool allowAliases)
        {
            var trimmed = (path ?? "").Trim();
            if (trimmed.Length == 0) throw new ArgumentException("A field path is empty.", nameof(path));
            if (ContactFields.TryResolve(trimmed, out var known) && (allowAliases || known.Path == trimmed || known.OtherSpelling == trimmed))
            {
                if (known.Type == ContactFieldType.Tags || known.Type == ContactFieldType.Notes)
                    throw new ArgumentException($"'{trimmed}' is changed with the tag or note methods, not SetField.", nameof(path));
                return known.Path;
            }
            if (ContactFields.IsAnswerListKey(trimmed))
                throw new ArgumentException($"'{trimmed}' is changed with SetAnswer/AddAnswerValue/RemoveAnswerValue, not SetField.", nameof(path));
            if (ContactFields.IsReadOnly(trimmed))
                throw new ArgumentException($"'{trimmed}' is read-only.", nameof(path));
            if (trimmed == ContactFields.AddressKey)
            {
                if (value != null) throw new ArgumentException("Set address parts one by one (address.city...); only null (clear the whole address) is allowed for 'address'.", nameof(path));
                return trimmed;
            }
            if (trimmed.StartsWith(ContactFields.AddressPrefix, StringComparison.Ordinal))
            {
                var part = trimmed.Substring(ContactFields.AddressPrefix.Length);
                if (part.Length == 0 || part.IndexOf('.') >= 0) throw new ArgumentException($"'{trimmed}' is not an address part.", nameof(path));
                if (ContactFields.IsReadOnlyAddressPart(part)) throw new ArgumentException($"'{trimmed}' is read-only.", nameof(path));
                return trimmed;
            }
            // Friendly input may only dot into the address; an exact JSON key (the change detector's) is taken as it is.
            if (allowAliases && trimmed.IndexOf('.') >= 0) throw new ArgumentException($"'{trimmed}': only address parts can be named with a dot.", nameof(path));
            return ContactFields.CanonicalKey(trimmed);
        }

        private static string CheckTag(string name)
        {
            var tag = (name ?? "").Trim();
            if (tag.Length == 0) throw new ArgumentException("A tag name is empty.", nameof(name));
            return tag;
        }

        private static void AddUnique(List<string> list, string tag)
        {
            foreach (var existing in list)
            {
                if (string.Equals(existing, tag, StringComparison.OrdinalIgnoreCase)) return;
            }
            list.Add(tag);
        }

        private static void RemoveIgnoringCase(List<string> list, string tag)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (string.Equals(list[i], tag, StringComparison.OrdinalIgnoreCase)) list.RemoveAt(i);
            }
        }

        private static void RemoveValue(List<AnswerValue> list, AnswerValue value)
        {
            int index;
            while ((index = AnswerChange.IndexOf(list, value)) >= 0) list.RemoveAt(index);
        }

        private static string JoinAnswers(FormCatalog forms, long formId, List<AnswerValue> values)
        {
            var text = new StringBuilder();
            foreach (var value in values)
            {
                if (text.Length > 0) text.Append(';');
                text.Append(forms.DisplayAnswer(formId, value.RefId, value.Data));
            }
            return text.ToString();
        }

        private static void Separate(StringBuilder text)
        {
            if (text.Length > 0) text.Append("; ");
        }
    }
}
