using Qomon.Emulator.RateLimiting;
using Qomon.Emulator.Seeding;

namespace Qomon.Emulator.Storage
{
    /// <summary>What one API key reaches: a Qomon space (group_id) with its own contacts, forms and bucket.</summary>
    public sealed class Space(string apiKey, long groupId, ContactStore contacts, FormCatalog forms, TokenBucket bucket)
    {
        public string ApiKey { get; } = apiKey;
        public long GroupId { get; } = groupId;
        public ContactStore Contacts { get; internal set; } = contacts;
        public FormCatalog Forms { get; } = forms;
        public TokenBucket Bucket { get; } = bucket;
    }
}
