using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace Qomon.PowerShell.Search
{
    /// <summary>
    /// Progress of Get-QomonContact -All, shown once per page and only when the total is known (POST /kpi,
    /// asked beside the first page). Off when $ProgressPreference is SilentlyContinue, which also saves the count.
    /// </summary>
    public sealed class SearchProgress
    {
        private const int ActivityId = 0x51;
        private readonly Cmdlet _cmdlet;
        private readonly Task<long>? _total;
        private bool _shown;

        public SearchProgress(Cmdlet cmdlet, Func<Task<long>>? startCount)
        {
            _cmdlet = cmdlet;
            _total = startCount?.Invoke();
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
            if (_total == null || _total.Status != TaskStatus.RanToCompletion || _total.Result <= 0) return;
            var total = _total.Result;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Reading Qomon contacts", $"{written} of about {total}")
            {
                PercentComplete = (int)Math.Min(100, written * 100 / total),
            });
            _shown = true;
        }

        public void Complete()
        {
            if (!_shown) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Reading Qomon contacts", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
