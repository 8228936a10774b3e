using System.Globalization;

namespace Qomon.Client.Text
{
    /// <summary>A count with its noun in the right number: "1 token", "2 tokens", "0 records".</summary>
    internal static class Counted
    {
        public static string Of(long count, string singular, string? plural = null) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
    }
}
