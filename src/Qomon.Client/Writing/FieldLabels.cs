using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Qomon.Client.Model;

namespace Qomon.Client.Writing
{
    /// <summary>Paths as people know them: form:47580 becomes form:Main concern; field paths stay as they are.</summary>
    public static class FieldLabels
    {
        public static string Join(IEnumerable<string> paths, FormCatalog forms) => string.Join(", ", Of(paths, forms));

        public static IReadOnlyList<string> Of(IEnumerable<string> paths, FormCatalog forms) =>
            paths.Select(path => Label(path, forms ?? FormCatalog.Empty)).Distinct(StringComparer.Ordinal).ToList();

        private static string Label(string path, FormCatalog forms)
        {
            foreach (var kind in new[] { AnswerKind.FormData, AnswerKind.CustomField })
            {
                var prefix = AnswerKinds.Prefix(kind);
                if (path.StartsWith(prefix, StringComparison.Ordinal)
                    && long.TryParse(path.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var formId))
                    return forms.DisplayPath(kind, formId);
            }
            return path;
        }
    }
}
