using System.Management.Automation;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// A date of a Qomon.Contact: to PowerShell the typed date itself (a DateTimeOffset or DateTime, see
    /// QomonDateFields), so -gt, Sort-Object and Where-Object compare dates, methods and -f formats work on it;
    /// it also keeps the text Qomon sent. That text is what its ToString gives, which Export-Csv, ConvertTo-Csv
    /// and Format-List use, so an export holds Qomon's ISO 8601 UTC form rather than the culture's (an ordinary
    /// DateTimeOffset exports as 11/07/2024 09:25:21 +00:00 in fr-FR); and it is what a write sends back for a
    /// date left as read (PowerShellToJson), so an untouched date is never seen as a change nor re-serialised.
    /// An edited date is a new value (an AddDays result, an assigned [datetime] or string), not this type.
    /// </summary>
    public sealed class DateAsRead : PSObject
    {
        public DateAsRead(object value, string text) : base(value)
        {
            Text = text;
        }

        /// <summary>The date exactly as Qomon wrote it, e.g. 2024-07-11T09:25:21.998480Z.</summary>
        public string Text { get; }

        public override string ToString() => Text;
    }
}
