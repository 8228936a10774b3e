using System.Collections.Generic;
using System.Text;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Changes
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
            foreach (var group in Grouped(AnswerMultiset.Minus(oldValues, newValues)))
                changes.Add(new FieldChange(path, FieldChangeKind.Removed, Display(forms, item.FormId, group), ""));
            foreach (var group in Grouped(AnswerMultiset.Minus(newValues, oldValues)))
                changes.Add(new FieldChange(path, FieldChangeKind.Added, "", Display(forms, item.FormId, group)));
        }

        // A repeated value is shown once with its count ("Not home ×2"), so a lost copy is visible.
        private static string Join(FormCatalog forms, long formId, List<AnswerValue> values)
        {
            var text = new StringBuilder();
            foreach (var group in Grouped(values))
            {
                if (text.Length > 0) text.Append("; ");
                text.Append(Display(forms, formId, group));
            }
            return DisplayText.Shorten(text.ToString());
        }

        private static string Display(FormCatalog forms, long formId, Copies group)
        {
            var text = forms.DisplayAnswer(formId, group.Value.RefId, group.Value.Data);
            return group.Count == 1 ? text : text + " \u00D7" + group.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Each distinct value once, in first-seen order, with the number of its copies.</summary>
        private static List<Copies> Grouped(List<AnswerValue> values)
        {
            var groups = new List<Copies>(values.Count);
            foreach (var value in values)
            {
                var group = groups.Find(g => g.Value.SameAs(value.RefId, value.Data));
                if (group == null) groups.Add(new Copies(value));
                else group.Count++;
            }
            return groups;
        }

        private sealed class Copies
        {
            public Copies(AnswerValue value) => Value = value;

            public AnswerValue Value { get; }
            public int Count { get; set; } = 1;
        }
    }
}
