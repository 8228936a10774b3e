using System;
using System.Globalization;

namespace Qomon.Client.Text
{
    /// <summary>
    /// A duration as people read it in a summary or a list view: "0 s", "3.2 s", "1 min 04 s", "2 h 05 min".
    /// Public so that the module's format data can show it; scripts keep the TimeSpan itself.
    /// </summary>
    public static class DurationText
    {
        public static string Of(TimeSpan duration)
        {
            var seconds = Math.Round(Math.Max(0, duration.TotalSeconds), 1, MidpointRounding.AwayFromZero);
            if (seconds < 60) return seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
            var whole = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
            if (whole < 3600)
                return string.Format(CultureInfo.InvariantCulture, "{0} min {1:00} s", whole / 60, whole % 60);
            var minutes = (long)Math.Round(whole / 60.0, MidpointRounding.AwayFromZero);
            return string.Format(CultureInfo.InvariantCulture, "{0} h {1:00} min", minutes / 60, minutes % 60);
        }
    }
}
