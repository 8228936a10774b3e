using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Input;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// Get-QomonContact -Flat: one contact as a flat row of text, for Export-Csv and a spreadsheet, whose columns
    /// are named as Set-QomonContact reads them, so that the edited file goes straight back: Id, the writable
    /// fields, tags, address.&lt;part&gt;, then form:&lt;label&gt; and custom:&lt;label&gt; for every form of the
    /// space, answered or not (Export-Csv takes its columns from the first row, so every row has them all).
    /// Several values in one cell are joined as MultiValueText says, which is how Set-QomonContact splits them.
    /// Values are the text Qomon sent (dates as its ISO 8601), built from the JSON as read, never from the
    /// Qomon.Contact's properties. Fields Qomon sets (CreatedAt, lastchange, user_id...), action_ids and notes
    /// are left out; UpdatedAt only when asked, as the base of Set-QomonContact's conflict check.
    /// </summary>
    public static class ContactRow
    {
        public const string TypeName = "Qomon.ContactRow";

        private static readonly ContactField[] PlainFields = ContactFields.All
            .Where(f => !f.IsAddressPart && f.Type != ContactFieldType.Tags && f.Type != ContactFieldType.Notes && f.Type != ContactFieldType.IdList)
            .ToArray();

        private static readonly ContactField[] AddressParts = ContactFields.All.Where(f => f.IsAddressPart).ToArray();

        public static PSObject Create(JsonObject contact, FormCatalog forms, bool includeUpdatedAt)
        {
            var row = new PSObject();
            row.TypeNames.Insert(0, TypeName);
            void Add(string name, string? value) => row.Properties.Add(new PSNoteProperty(name, value ?? ""));

            Add("Id", JsonRead.GetText(contact["id"]));
            if (includeUpdatedAt) Add(ContactFields.UpdatedAtKey, JsonRead.GetText(contact[ContactFields.UpdatedAtKey]));
            foreach (var field in PlainFields) Add(field.Path, Text(ContactDiff.TopLevel(contact, field.Path)));
            Add(ContactFields.TagsKey, MultiValueText.Join(TagNames(contact)));
            var address = contact[ContactFields.AddressKey] as JsonObject;
            foreach (var part in AddressParts) Add(part.Path, address == null ? null : Text(address[part.Key]));
            foreach (var kind in new[] { AnswerKind.FormData, AnswerKind.CustomField })
            {
                var answers = ContactDiff.AnswersOf(contact, kind);
                foreach (var form in forms.Forms.Where(f => f.AnswerKind == kind))
                {
                    var values = answers != null && answers.TryGetValue(form.Id, out var held) ? held : new List<AnswerValue>(0);
                    Add(ColumnName(forms, form), MultiValueText.Join(values.Select(v => CellValue(form, v))));
                }
            }
            return row;
        }

        /// <summary>form:&lt;label&gt; (custom:&lt;label&gt;), or the form's id when the label would not find this form again (shared, blank).</summary>
        private static string ColumnName(FormCatalog forms, QomonForm form)
        {
            var prefix = AnswerKinds.Prefix(form.AnswerKind);
            var label = (form.Label ?? "").Trim();
            return label.Length > 0 && forms.Resolve(label, form.AnswerKind).Form == form
                ? prefix + label
                : prefix + form.Id.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>A choice as its label, as people read it, unless the label would find another value; free text as sent.</summary>
        private static string CellValue(QomonForm form, AnswerValue answer)
        {
            if (!AnswerValueReader.IsChoice(form)) return answer.Data ?? "";
            var refValue = form.RefValues.FirstOrDefault(r => r.Id == answer.RefId);
            if (refValue == null) return answer.Data ?? "";
            foreach (var name in new[] { refValue.Label, refValue.Value })
            {
                if (!string.IsNullOrWhiteSpace(name) && FormCatalog.FindRefValue(form, name!) == refValue) return name!.Trim();
            }
            return refValue.Id.ToString(CultureInfo.InvariantCulture);
        }

        private static IEnumerable<string> TagNames(JsonObject contact)
        {
            if (!(contact[ContactFields.TagsKey] is JsonArray tags)) yield break;
            foreach (var tag in tags)
            {
                var name = tag is JsonObject named ? JsonRead.GetText(named["name"]) : JsonRead.GetText(tag);
                if (!string.IsNullOrWhiteSpace(name)) yield return name!;
            }
        }

        // A scalar as sent; a list or object where a plain value belongs (a field this module does not know the
        // shape of) as its JSON, so that nothing is hidden, though it will not read back.
        private static string? Text(JsonNode? node) => node is JsonValue || node == null ? JsonRead.GetText(node) : node.ToJsonString();
    }
}
