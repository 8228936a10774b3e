using Qomon.Client.Json;

namespace Qomon.Client.Changes
{
    /// <summary>One answer as a formdata or custom-field entry holds it: the refvalue id and the data (slug or free text).</summary>
    public sealed class AnswerValue
    {
        public AnswerValue(long refId, string? data)
        {
            RefId = refId;
            Data = data;
        }

        /// <summary>form_ref_id: the refvalue id (for free-text forms, their single refvalue).</summary>
        public long RefId { get; }

        /// <summary>data: the refvalue's value slug, or the free text, number or date (yyyy-MM-ddTHH:mm:ss.fffZ).</summary>
        public string? Data { get; }

        /// <summary>Same refvalue and same data, dates compared as instants at millisecond precision.</summary>
        public bool SameAs(long refId, string? data) => RefId == refId && SameData(Data, data);

        internal static bool SameData(string? a, string? b) => JsonSemantics.TextsEqual(a ?? "", b ?? "");

        public override string ToString() => (Data ?? "") + " (#" + RefId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
