using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Qomon.Client;
using Qomon.Client.Model;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Get-QomonForm: the space's forms (consents, levels of support, survey questions, custom fields...) with
    /// their values. Read once per connection and cached, since they change only in Qomon's settings screen;
    /// -Refresh reads them again. -Kind, -Type and -Name filter on the columns of the same names.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QomonForm", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Commands + "Get-QomonForm.md")]
    [OutputType(typeof(QomonForm))]
    public sealed class GetQomonFormCommand : QomonCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        /// <summary>Which kinds of form (the Kind column); default: every kind.</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [ValidateSet("consent", "level_of_support", "presence_status", "survey", "custom_fields", "tasks")]
        public string[]? Kind { get; set; }

        /// <summary>
        /// Which types of form (the Type column: radio, checkbox, text...). A kind given here (-Type survey, which
        /// -Type meant before -Kind existed) is still read as -Kind, with a warning, so older scripts keep working.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("radio", "checkbox", "date", "report", "meet", "text", "signature", "photos", "numeric", "range", "other",
            "consent", "level_of_support", "presence_status", "survey", "custom_fields", "tasks")]
        public string[]? Type { get; set; }

        /// <summary>Forms whose label matches (the Label column): wildcards, case-insensitive.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Label")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>One or more form ids (a formdata's form_id).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FormId")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = new long[0];

        /// <summary>Read from Qomon again instead of the connection's cache.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        private FormCache Cache => FormCache.For(QomonConnection);

        protected override void Process()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) WriteById(id);
                return;
            }
            var types = Type?.Where(t => !IsKind(t)).ToArray();
            var kinds = Kinds();
            var names = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            var matchedNames = new bool[names?.Length ?? 0];
            var listed = new List<QomonForm>();
            foreach (var kind in kinds)
            {
                try
                {
                    foreach (var form in Pipeline.Run(ct => Cache.GetKindAsync(Client, kind, Refresh, ct)))
                    {
                        listed.Add(form);
                        if (types != null && types.Length > 0 && !types.Contains(form.Type, StringComparer.OrdinalIgnoreCase)) continue;
                        if (names != null && !Matches(form, names, matchedNames)) continue;
                        WriteObject(FormOutput.Create(form));
                    }
                }
                catch (QomonApiException e)
                {
                    WriteApiError(e, kind, ErrorIds.FormNotFound);
                }
            }
            WriteUnmatchedNames(listed, matchedNames);
        }

        private IEnumerable<string> Kinds()
        {
            var kinds = new List<string>(Kind ?? Array.Empty<string>());
            foreach (var kind in Type?.Where(IsKind) ?? Enumerable.Empty<string>())
            {
                WriteWarning($"-Type {kind} names a kind of form; use -Kind {kind}. -Type filters the Type column (radio, checkbox, text...).");
                kinds.Add(kind.ToLowerInvariant());
            }
            return kinds.Count > 0 ? kinds.Distinct(StringComparer.OrdinalIgnoreCase) : FormCache.Kinds;
        }

        private static bool IsKind(string value) => FormCache.Kinds.Contains(value, StringComparer.OrdinalIgnoreCase);

        private static bool Matches(QomonForm form, WildcardPattern[] names, bool[] matchedNames)
        {
            var matched = false;
            for (var i = 0; i < names.Length; i++)
            {
                if (!names[i].IsMatch(form.Label)) continue;
                matchedNames[i] = true;
                matched = true;
            }
            return matched;
        }

        // As Get-Process -Name does: a name without wildcards that matches nothing is an error, a pattern is not.
        private void WriteUnmatchedNames(List<QomonForm> listed, bool[] matchedNames)
        {
            if (Name == null) return;
            for (var i = 0; i < Name.Length; i++)
            {
                var name = Name[i];
                if (WildcardPattern.ContainsWildcardCharacters(name) || matchedNames[i]) continue;
                var closest = NameSuggestion.Closest(name, listed.Select(f => f.Label).Where(l => !string.IsNullOrEmpty(l)));
                var message = $"No form is labelled '{name}'" + (Type != null || Kind != null ? " among the kinds and types asked for" : "") +
                    (closest != null ? $"; did you mean '{closest}'?" : "; Get-QomonForm lists the labels, and -Name takes wildcards such as 'Vol*'.");
                WriteError(new ErrorRecord(new ItemNotFoundException(message), ErrorIds.FormNotFound, ErrorCategory.ObjectNotFound, name));
            }
        }

        private void WriteById(long id)
        {
            try
            {
                WriteObject(FormOutput.Create(Pipeline.Run(ct => Cache.GetByIdAsync(Client, id, Refresh, ct))));
            }
            catch (QomonApiException e)
            {
                WriteApiError(e, id, ErrorIds.FormNotFound);
            }
        }
    }
}
