using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace Qomon.PowerShell.Search
{
    /// <summary>
    /// The total of Get-QomonContact -All (POST /kpi, asked beside the first page, one token): progress once per
    /// page when $ProgressPreference allows it, and at the end a check that the read found as many contacts as
    /// Qomon counted (pages are offsets into a live result set, so edits during a long read can make one slip by).
    /// </summary>
    public sealed class SearchProgress
    {
        private const int ActivityId = 0x51;
        private readonly Cmdlet _cmdlet;
        private readonly Task<long>? _total;
        private readonly bool _show;
        private bool _shown;

        public SearchProgress(Cmdlet cmdlet, Func<Task<long>>? startCount, bool show)
        {
            _cmdlet = cmdlet;
            _total = startCount?.Invoke();
            _show = show;
        }

        public static bool Wanted(PSCmdlet cmdlet)
        {
            var preference = cmdlet.GetVariableValue("ProgressPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            // A $ProgressPreference set in a child scope is a plain string, not the typed global.
            if (!(preference is ActionPreference action) && !Enum.TryParse(preference?.ToString(), true, out action)) return true;
            return action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore;
        }

        /// <summary>After a page: how many contacts were written so far.</summary>
        public void Report(long written)
        {
            if (!_show || !(Total is long total) || total <= 0) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Reading Qomon contacts", $"{written} of about {total}")
            {
                PercentComplete = (int)Math.Min(100, written * 100 / total),
            });
            _shown = true;
        }

        /// <summary>Qomon's count when the read started, once known.</summary>
        public long? Total => _total != null && _total.Status == TaskStatus.RanToCompletion ? _total.Result : (long?)null;

        /// <summary>A warning when a whole, unfiltered read found fewer contacts than Qomon counted at its start.</summary>
        public string? Shortfall(long found)
        {
            if (!(Total is long total) || found >= total) return null;
            return $"Read {found} contacts, but Qomon counted {total} when the read began: contacts were deleted or changed " +
                   "during the read, and a changed one can shift the pages so that another is missed. Read again, or read " +
                   "what changed since with -UpdatedSince.";
        }

        public void Complete()
        {
            if (!_shown) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Reading Qomon contacts", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
