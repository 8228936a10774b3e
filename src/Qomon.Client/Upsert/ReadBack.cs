using System.Text.Json.Nodes;

namespace Qomon.Client.Upsert
{
    /// <summary>One read of an upserted contact: the contact (null when the read did not hold it) and this record's share of its tokens.</summary>
    internal readonly struct ReadBack
    {
        public ReadBack(JsonObject? contact, double tokens)
        {
            Contact = contact;
            Tokens = tokens;
        }

        public JsonObject? Contact { get; }
        public double Tokens { get; }
    }
}
