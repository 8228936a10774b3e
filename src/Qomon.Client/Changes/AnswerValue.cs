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

        /// <summary>
        /// The entry's own date (when the answer was given), for a value read from a stored entry; null for a value
        /// from input. Not part of the value: SameAs ignores it. A new entry carries it (EntryShape.Create), so an
        /// answer an undo puts back keeps the date it had, instead of the server stamping the time of the undo.
        /// </summary>
        internal string? Date { get; set; }

        /// <summary>Same refvalue and same data, dates compared as instants at millisecond precision.</summary>
        public bool SameAs(long refId, string? data) => RefId == refId && SameData(Data, data);

        internal static bool SameData(string? a, string? b) => JsonSemantics.TextsEqual(a ?? "", b ?? "");

        public override string ToString() => (Data ?? "") + " (#" + RefId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
