using System.Collections.Generic;
using System.Text;
using Qomon.Client.Model;

namespace Qomon.Client.Merge
{
    /// <summary>Words raw differences for people: answers by form and value label, checkbox values one by one.</summary>
    internal static class FieldChanges
    {
        public static List<FieldChange> Describe(List<DiffItem> items, FormCatalog forms)
        {
            var changes = new List<FieldChange>(items.Count);
            foreach (var item in items)
            {
                switch (item.Section)
                {
                    case DiffSection.Field:
                        changes.Add(new FieldChange(item.Path, item.Kind, DisplayText.Of(item.Old), DisplayText.Of(item.New)));
                        break;
                    case DiffSection.Tag:
                        changes.Add(new FieldChange(item.Path, item.Kind, item.Kind == FieldChangeKind.Removed ? item.Tag! : "", item.Kind == FieldChangeKind.Added ? item.Tag! : ""));
                        break;
                    case DiffSection.Note:
                        changes.Add(new FieldChange(item.Path, item.Kind,
                            item.Old is System.Text.Json.Nodes.JsonObject oldNote ? DisplayText.Shorten(NoteShape.TextOf(oldNote)) : "",
                            item.New is System.Text.Json.Nodes.JsonObject newNote ? DisplayText.Shorten(NoteShape.TextOf(newNote)) : ""));
                        break;
                    default:
                        DescribeAnswer(item, forms, changes);
                        break;
                }
            }
            return changes;
        }

        private static void DescribeAnswer(DiffItem item, FormCatalog forms, List<FieldChange> changes)
        {
            var path = forms.DisplayPath(item.AnswerKind, item.FormId);
            var oldValues = item.OldAnswers!;
            var newValues = item.NewAnswers!;
            var form = forms.Find(item.FormId);
            var multi = form != null ? form.IsCheckbox : oldValues.Count > 1 || newValues.Count > 1;
            if (!multi)
            {
                changes.Add(new FieldChange(path, item.Kind, Join(forms, item.FormId, oldValues), Join(forms, item.FormId, newValues)));
                return;
            }
            foreach (var value in oldValues)
            {
                if (!AnswerChange.Contains(newValues, value))
                    changes.Add(new FieldChange(path, FieldChangeKind.Removed, forms.DisplayAnswer(item.FormId, value.RefId, value.Data), ""));
            }
            foreach (var value in newValues)
            {
                if (!AnswerChange.Contains(oldValues, value))
                    changes.Add(new FieldChange(path, FieldChangeKind.Added, "", forms.DisplayAnswer(item.FormId, value.RefId, value.Data)));
            }
        }

        private static string Join(FormCatalog forms, long formId, List<AnswerValue> values)
        {
            if (values.Count == 1) return DisplayText.Shorten(forms.DisplayAnswer(formId, values[0].RefId, values[0].Data));
            var text = new StringBuilder();
            foreach (var value in values)
            {
                if (text.Length > 0) text.Append("; ");
                text.Append(forms.DisplayAnswer(formId, value.RefId, value.Data));
            }
            return DisplayText.Shorten(text.ToString());
        }
    }
}
