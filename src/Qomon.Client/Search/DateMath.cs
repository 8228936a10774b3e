using System.Text.RegularExpressions;

namespace Qomon.Client.Search
{
    /// <summary>
    /// Qomon's server-side date math (Elasticsearch style, UTC): now, then any number of +N/-N steps with a unit
    /// (y, M, w, d, h, H, m, s) and roundings (/d): now, now-3d, now-1h, now-1d/d, now+1y, now/M-1d.
    /// Checked here so a typo fails before any request is spent on it.
    /// </summary>
    public static class DateMath
    {
        private static readonly Regex Pattern = new Regex(@"^now(?:[+-][0-9]{1,6}[yMwdhHms]|/[yMwdhHms])*$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? text) => text != null && text.Length <= 64 && Pattern.IsMatch(text.Trim());
    }
}
