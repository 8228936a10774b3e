using System;
using System.Collections.Generic;
using System.Text;
using Qomon.Client.Model;

namespace Qomon.Client.Input
{
    /// <summary>
    /// What a name that is no contact field gets told, by Set-QomonContact's records and Get-QomonContact -Filter
    /// alike: the closest field name ("did you mean"), or, for the label of a form, that answers are named
    /// form:&lt;label&gt; (custom:&lt;label&gt; for a custom field).
    /// </summary>
    internal static class UnknownFieldMessage
    {
        /// <summary>"unknown field; did you mean 'mobile'?", or "... 'Level of support' is a form: name it form:Level of support".</summary>
        internal static string For(string name, FormCatalog? forms)
        {
            var message = new StringBuilder("unknown field");
            var form = FormNamed(name, forms);
            var suggestion = form == null ? NameSuggestion.Closest(name, Candidates(name)) : null;
            if (form != null) message.Append("; '").Append(name.Trim()).Append("' is a ").Append(form.IsCustomField ? "custom field" : "form")
                .Append(": name it ").Append(AnswerKinds.Prefix(form.AnswerKind)).Append(form.Label.Trim());
            else if (suggestion != null) message.Append("; did you mean '").Append(suggestion).Append("'?");
            else if (name.IndexOf(':') > 0) message.Append("; answers are named form:<label or id> or custom:<label or id>");
            return message.ToString();
        }

        /// <summary>The one form (or custom field) whose label is the name, ignoring case; null when none or several.</summary>
        internal static QomonForm? FormNamed(string name, FormCatalog? forms)
        {
            if (forms == null || name.IndexOf(':') >= 0) return null;
            QomonForm? found = null;
            foreach (AnswerKind kind in new[] { AnswerKind.FormData, AnswerKind.CustomField })
            {
                var lookup = forms.Resolve(name, kind);
                if (lookup.Form == null || string.Equals(lookup.Form.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), name.Trim(), StringComparison.Ordinal)) continue;
                if (found != null) return null;
                found = lookup.Form;
            }
            return found;
        }

        private static IEnumerable<string> Candidates(string name)
        {
            if (!name.StartsWith(ContactFields.AddressPrefix, StringComparison.OrdinalIgnoreCase)) return ContactFields.KnownNames;
            var parts = new List<string>();
            foreach (var field in ContactFields.All)
            {
                if (field.IsAddressPart) parts.Add(field.Path);
            }
            return parts;
        }
    }
}
