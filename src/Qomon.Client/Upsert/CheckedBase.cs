using System.Text.Json.Nodes;

namespace Qomon.Client.Upsert
{
    /// <summary>
    /// The base an upsert is planned on once ChangedSinceRead has looked: the caller's read when the contact did not
    /// change since, a fresh GET when it did (or could not be told), or the GET's failure. Tokens: what the look cost.
    /// </summary>
    internal sealed class CheckedBase
    {
        public CheckedBase(JsonObject? contact, double tokens, QomonApiException? failure)
        {
            Contact = contact;
            Tokens = tokens;
            Failure = failure;
        }

        public JsonObject? Contact { get; }
        public double Tokens { get; }
        public QomonApiException? Failure { get; }
    }
}
