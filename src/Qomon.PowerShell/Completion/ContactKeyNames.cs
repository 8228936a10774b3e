using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Qomon.Client.Model;
using Qomon.Client.Search;
using Qomon.PowerShell.Connections;

namespace Qomon.PowerShell.Completion
{
    /// <summary>
    /// The names a contact hashtable may use as keys: canonical fields (address parts dotted), friendly aliases
    /// and, for writes, form:&lt;label&gt; / custom:&lt;label&gt; from the default connection's form cache. Only
    /// what is already in memory is read: completion runs on every keystroke and never sends a request.
    /// </summary>
    public static class ContactKeyNames
    {
        private static readonly IReadOnlyList<KeyName> WritableFields = BuildFieldNames(searchableOnly: false);
        private static readonly IReadOnlyList<KeyName> SearchableFields = BuildFieldNames(searchableOnly: true);

        /// <summary>Every field and alias a write accepts.</summary>
        public static IReadOnlyList<KeyName> Fields => WritableFields;

        /// <summary>The fields and aliases Qomon can search on (Get-QomonContact -Filter).</summary>
        public static IReadOnlyList<KeyName> Searchable => SearchableFields;

        /// <summary>
        /// form:&lt;label&gt; and custom:&lt;label&gt; for the forms the default connection has cached (none when not
        /// connected or no form was read yet). A label two forms of one kind share is offered by id instead.
        /// With <paramref name="withChoiceSuffixes"/>, checkbox forms also get their + (add) and - (remove) names.
        /// </summary>
        public static IEnumerable<KeyName> CachedForms(bool withChoiceSuffixes)
        {
            var connection = DefaultConnectionStore.Get();
            if (connection == null) yield break;
            var forms = FormCache.For(connection).Known;
            var labelCounts = forms
                .Where(f => !string.IsNullOrWhiteSpace(f.Label))
                .GroupBy(f => (f.AnswerKind, Label: f.Label.Trim()), LabelKeyComparer.Instance)
                .ToDictionary(g => g.Key, g => g.Count(), LabelKeyComparer.Instance);
            foreach (var form in forms)
            {
                var label = (form.Label ?? "").Trim();
                var byLabel = label.Length > 0 && labelCounts[(form.AnswerKind, label)] == 1;
                var name = AnswerKinds.Prefix(form.AnswerKind) + (byLabel ? label : form.Id.ToString(CultureInfo.InvariantCulture));
                var toolTip = Describe(form);
                yield return new KeyName(name, toolTip);
                if (!withChoiceSuffixes || !form.IsCheckbox) continue;
                yield return new KeyName(name + "+", "Adds the values given to the contact's answers. " + toolTip);
                yield return new KeyName(name + "-", "Removes the values given from the contact's answers. " + toolTip);
            }
        }

        /// <summary>The cached form a key names (form:Label, custom:Label, form:123, with or without a + or - suffix), or null.</summary>
        public static QomonForm? CachedFormNamed(string key)
        {
            var connection = DefaultConnectionStore.Get();
            if (connection == null || string.IsNullOrEmpty(key)) return null;
            var name = key.Trim();
            if (name.EndsWith("+", StringComparison.Ordinal) || name.EndsWith("-", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 1);
            AnswerKind kind;
            if (name.StartsWith(AnswerKinds.FormPrefix, StringComparison.OrdinalIgnoreCase)) kind = AnswerKind.FormData;
            else if (name.StartsWith(AnswerKinds.CustomPrefix, StringComparison.OrdinalIgnoreCase)) kind = AnswerKind.CustomField;
            else return null;
            var lookup = new FormCatalog(FormCache.For(connection).Known).Resolve(name.Substring(AnswerKinds.Prefix(kind).Length), kind);
            return lookup.Form;
        }

        private static string Describe(QomonForm form)
        {
            var what = (string.IsNullOrEmpty(form.Kind) ? "form" : form.Kind) + " " + form.Id.ToString(CultureInfo.InvariantCulture) +
                       " '" + form.Label + "' (" + (string.IsNullOrEmpty(form.Type) ? "?" : form.Type) + ")";
            if (form.IsChoice) return what + ": " + FormCatalog.DescribeAllowedValues(form);
            return what;
        }

        private static IReadOnlyList<KeyName> BuildFieldNames(bool searchableOnly)
        {
            var names = new List<KeyName>();
            foreach (var field in ContactFields.All)
            {
                if (searchableOnly && !IsSearchable(field.Path)) continue;
                var aliases = ContactFields.Aliases.Where(a => a.Value == field.Path).Select(a => a.Key).ToList();
                var toolTip = field.Path + " [" + field.Type + "]" + (aliases.Count > 0 ? "; also named " + string.Join(", ", aliases) : "");
                names.Add(new KeyName(field.Path, toolTip));
            }
            foreach (var alias in ContactFields.Aliases)
            {
                if (searchableOnly && !IsSearchable(alias.Value)) continue;
                ContactFields.TryResolve(alias.Value, out var field);
                names.Add(new KeyName(alias.Key, alias.Key + " = " + alias.Value + " [" + field.Type + "]"));
            }
            return names;
        }

        // ContactFilter knows which fields Qomon cannot search; asking it keeps that list in one place.
        private static bool IsSearchable(string path)
        {
            try
            {
                ContactFilter.Build(new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { [path] = null }); // null: "is empty", valid for every type
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private sealed class LabelKeyComparer : IEqualityComparer<(AnswerKind Kind, string Label)>
        {
            public static readonly LabelKeyComparer Instance = new LabelKeyComparer();

            public bool Equals((AnswerKind Kind, string Label) x, (AnswerKind Kind, string Label) y) =>
                x.Kind == y.Kind && string.Equals(x.Label, y.Label, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode((AnswerKind Kind, string Label) key) =>
                key.Kind.GetHashCode() ^ StringComparer.OrdinalIgnoreCase.GetHashCode(key.Label);
        }
    }
}
