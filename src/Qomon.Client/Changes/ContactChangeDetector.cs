using System.Text.Json.Nodes;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// Turns a Qomon.Contact that the caller edited in place into the changes made since it was read, so that the
    /// merge applies only those and a concurrent edit of another field on the server survives. Tags become single
    /// additions and removals; a changed form's answers are set exactly; notes, when changed, are set as a whole.
    /// </summary>
    public static class ContactChangeDetector
    {
        public static ContactChanges Between(JsonObject original, JsonObject edited)
        {
            if (original == null) throw new System.ArgumentNullException(nameof(original));
            if (edited == null) throw new System.ArgumentNullException(nameof(edited));
            var changes = new ContactChanges();
            var notesChanged = false;
            foreach (var item in ContactDiff.Between(original, edited))
            {
                switch (item.Section)
                {
                    case DiffSection.Field:
                        SetField(changes, item.Path, JsonRead.IsBlank(item.New) ? null : AsWritten(item.Path, item.New!.DeepClone()));
                        break;
                    case DiffSection.Tag:
                        if (item.Kind == FieldChangeKind.Added) changes.AddTag(item.Tag!);
                        else changes.RemoveTag(item.Tag!);
                        break;
                    case DiffSection.Note:
                        notesChanged = true;
                        break;
                    default:
                        changes.SetAnswer(item.AnswerKind, item.FormId, item.NewAnswers!);
                        break;
                }
            }
            if (notesChanged)
            {
                edited.TryGetPropertyValue(ContactFields.NotesKey, out var notes);
                changes.SetNotes(NoteShape.TrimAll(notes));
            }
            return changes;
        }

        // A date the caller set as text ('1980-05-17', or a read date's own form) is sent in the one form Qomon
        // documents for writes, as -Property sends it; text that is no date is left for ContactEdits to refuse.
        internal static JsonNode AsWritten(string path, JsonNode value) =>
            ContactFields.TryResolve(path, out var field) && field.Type == ContactFieldType.Date
                && JsonRead.GetText(value) is string text && QomonDate.TryParse(text, out var date)
                ? JsonValue.Create(QomonDate.FormatForWrite(date))
                : value;

        // A property the caller added under a friendly name ($contact.City = 'Lyon' on an object that had no City)
        // means the field it stands for; every other key is taken exactly as the contact spells it.
        private static void SetField(ContactChanges changes, string path, JsonNode? value)
        {
            if (path.IndexOf('.') < 0 && ContactFields.TryResolve(path, out var field) && field.Path != path && field.OtherSpelling != path
                && field.Type != ContactFieldType.Tags && field.Type != ContactFieldType.Notes)
            {
                changes.SetField(field.Path, value);
                return;
            }
            changes.SetFieldExact(path, value);
        }
    }
}
