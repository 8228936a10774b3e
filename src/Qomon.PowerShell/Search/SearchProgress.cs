using System;
using System.Globalization;
using System.Management.Automation;
using Qomon.Client.Search;
using Qomon.Client.Text;

namespace Qomon.PowerShell.Search
{
    /// <summary>
    /// The reporting of Get-QomonContact -All: progress once per page against Qomon's count at the start (when
    /// $ProgressPreference allows it), and at the end the pager's check of what it returned against Qomon's counts.
    /// While a contact is handed down the pipeline, the command it reaches (a write command's progress) can ask
    /// which one of how many it is: the count is known here, not to a command that only sees one object at a time.
    /// </summary>
    public sealed class SearchProgress
    {
        private const int ActivityId = 0x51;

        // Downstream commands run inside WriteObject, on this thread: what is being handed is known only there.
        [ThreadStatic] private static Handed? _current;

        private readonly Cmdlet _cmdlet;
        private readonly Func<long?>? _total;
        private readonly bool _show;
        private bool _shown;
        private long _handed;

        public SearchProgress(Cmdlet cmdlet, Func<long?>? total, bool show)
        {
            _cmdlet = cmdlet;
            _total = total;
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

        /// <summary>Writes one contact of the search, telling the commands downstream its place in it.</summary>
        public void Hand(PSObject contact, Action<PSObject> write)
        {
            _handed++;
            if (_total == null) { write(contact); return; }
            var outer = _current;
            _current = new Handed(contact, _handed, _total);
            try { write(contact); }
            finally { _current = outer; }
        }

        /// <summary>
        /// When the contact with this id is being handed down the pipeline by a search that knows its count: its
        /// place (1-based) and Qomon's count of matches when the search began.
        /// </summary>
        internal static bool TryGetPlace(long id, out long place, out long total)
        {
            place = total = 0;
            var current = _current;
            if (current == null || !(current.Total() is long count) || !(current.Contact.Properties["id"]?.Value is object value)) return false;
            try { if (Convert.ToInt64(value, CultureInfo.InvariantCulture) != id) return false; }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException) { return false; }
            place = current.Place;
            total = count;
            return true;
        }

        private sealed class Handed
        {
            internal Handed(PSObject contact, long place, Func<long?> total)
            {
                Contact = contact;
                Place = place;
                Total = total;
            }

            internal PSObject Contact { get; }
            internal long Place { get; }
            internal Func<long?> Total { get; }
        }

        /// <summary>After a page: how many contacts were written so far.</summary>
        public void Report(long written)
        {
            if (!_show || !(_total?.Invoke() is long total) || total <= 0) return;
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

        /// <summary>The warning when contacts that matched throughout the read were not returned; null when none were.</summary>
        public static string? ShortfallWarning(ContactPagerShortfall check)
        {
            if (check.Missed <= 0) return null;
            var counts = check.CountedAtEnd is long end
                ? string.Format(CultureInfo.InvariantCulture, "Qomon counted {0} matching the search when the read began and {1} when it ended", check.CountedAtStart, end)
                : string.Format(CultureInfo.InvariantCulture, "Qomon counted {0} matching the search when the read began (the count at its end failed)", check.CountedAtStart);
            return string.Format(CultureInfo.InvariantCulture,
                "The search returned {0} (before any -Filter check), but {1}: at least {2} that matched throughout " +
                "{3} missed. A contact changed without a new lastchange (by an upsert, for example) is not returned while it does not " +
                "match. Read again, or read what changed since with -UpdatedSince.",
                Counted.Of(check.Returned, "contact"), counts, Counted.Of(check.Missed, "contact"), check.Missed == 1 ? "was" : "were");
        }

        /// <summary>A verbose note when fewer were returned than counted at the start, all of them accounted for.</summary>
        public static string? LeftNote(ContactPagerShortfall check) =>
            check.Left <= 0 ? null : string.Format(CultureInfo.InvariantCulture,
                "The search returned {0}; Qomon counted {1} when the read began and {2} when it ended: {3} {4} deleted or stopped matching during the read.",
                Counted.Of(check.Returned, "contact"), check.CountedAtStart, check.CountedAtEnd, check.Left, check.Left == 1 ? "was" : "were");
    }
}
