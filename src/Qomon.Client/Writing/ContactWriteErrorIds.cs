namespace Qomon.Client.Writing
{
    /// <summary>The stable error ids of the contact writer's outcomes (scripts match $_.FullyQualifiedErrorId).</summary>
    public static class ContactWriteErrorIds
    {
        public const string Conflict = "Qomon.Conflict";
        public const string OutcomeUnknown = "Qomon.WriteOutcomeUnknown";
        public const string NotAsSent = "Qomon.WriteNotAsSent";
    }
}
