using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Changes;
using Qomon.Client.Journal;
using Qomon.Client.Model;
using Qomon.Client.Writing;

namespace Qomon.PowerShell.Writing
{
    /// <summary>
    /// Set-QomonContact -Replace: the API's raw semantics. The record is the complete contact and is sent as is
    /// (read-only fields stripped); whatever it leaves out is cleared. Nothing is read first, except to show what
    /// would be cleared when someone will actually look at it: under -WhatIf, and when a confirmation is going to
    /// be asked. Without -Force or -Confirm:$false the user must confirm each contact (Enter answers No); a session that cannot ask
    /// (a scheduled task, a runbook, pwsh -NonInteractive) fails the record instead of hanging or guessing.
    /// </summary>
    internal sealed class ReplaceOperation : WriteOperation
    {
        private readonly PSCmdlet _cmdlet;
        private readonly QomonClient _client;
        private readonly ContactWriter _writer;
        private readonly FormCatalog _forms;
        private readonly ReplaceConsent _consent;
        private bool _yesToAll;
        private bool _noToAll;

        internal ReplaceOperation(PSCmdlet cmdlet, QomonClient client, ContactWriter writer, FormCatalog forms, ReplaceConsent consent)
        {
            _cmdlet = cmdlet;
            _client = client;
            _writer = writer;
            _forms = forms;
            _consent = consent;
        }

        /// <summary>Read for a preview (-WhatIf, or a prompt that will really be shown), and under -Journal for the
        /// contact's before image, which is what an undo puts back.</summary>
        internal override bool NeedsRead(WriteRecord record) => _consent.WhatIf || _consent.WillPrompt || record.Journal != null;

        internal override Task ReadAsync(WriteRecord record, CancellationToken cancellationToken) => PreviewRead.ReadCurrentAsync(_client, record, cancellationToken);

        internal override bool Confirm(WriteRecord record)
        {
            var target = ContactTarget.Describe(record.Id, record.Current ?? record.FullContact);
            IReadOnlyList<string>? cleared = null;
            IReadOnlyList<FieldChange>? differences = null;
            if (record.Current != null)
            {
                var preview = ReplacePreview.Of(record.Current, record.FullContact!, _forms);
                differences = preview.Differences;
                cleared = preview.Cleared;
            }
            var action = cleared == null ? "Replace all fields (fields the input leaves out are cleared)"
                : cleared.Count == 0 ? "Replace all fields (none is cleared)"
                : "Replace all fields, clearing " + string.Join(", ", cleared);
            if (!ChangePreview.ShouldProcess(_cmdlet, action, target, differences))
            {
                record.Outcome = RecordOutcome.Skipped;
                return false;
            }
            if (!_consent.MustAsk) return true;

            var clearedText = cleared == null || cleared.Count == 0 ? "" : " (" + string.Join(", ", cleared) + ")";
            var whyNot = PromptAvailability.WhyNot(_cmdlet.Host);
            if (whyNot != null)
            {
                record.Fail(WriteErrors.ReplaceNeedsConfirmation(record, clearedText + " because " + whyNot));
                return false;
            }
            try
            {
                var query = target + ": -Replace sends this record as the complete contact; every field it leaves out is cleared" + clearedText + ". Replace it?";
                if (DestructivePrompt.Ask(_cmdlet.Host.UI, "Replace the whole contact", query, ref _yesToAll, ref _noToAll)) return true;
                record.Outcome = RecordOutcome.Skipped;
                return false;
            }
            catch (Exception e) when (PromptAvailability.IsCannotAsk(e))
            {
                record.Fail(WriteErrors.ReplaceNeedsConfirmation(record, clearedText + " because the host cannot ask (" + e.Message + ")"));
                return false;
            }
        }

        internal override async Task WriteAsync(WriteRecord record, CancellationToken cancellationToken)
        {
            record.Journal?.Sending(JournalMethods.Patch, record.Current, record.FullContact);
            WriteOutcomes.Apply(record, await _writer.ReplaceAsync(record.Id!.Value, record.FullContact!, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>What the caller said about confirming -Replace, worked out once per command.</summary>
    internal sealed class ReplaceConsent
    {
        private readonly ConfirmSettings _settings;

        internal ReplaceConsent(ConfirmSettings settings) => _settings = settings;

        /// <summary>-WhatIf (or $WhatIfPreference): nothing is written, the preview is shown.</summary>
        internal bool WhatIf => _settings.WhatIf;

        /// <summary>-Force or -Confirm:$false: replace without asking.</summary>
        internal bool Given => _settings.Force || _settings.ConfirmOff;

        /// <summary>-Confirm (or $ConfirmPreference): ShouldProcess already asks for each contact; asking twice would be noise.</summary>
        internal bool AskedByConfirm => _settings.ConfirmOn || _settings.PreferenceAsks;

        /// <summary>A question of our own is needed for each contact.</summary>
        internal bool MustAsk => !Given && !AskedByConfirm;

        /// <summary>A question will really be shown (so the preview read is worth its token).</summary>
        internal bool WillPrompt => AskedByConfirm || (MustAsk && _settings.CanPrompt);
    }
}
