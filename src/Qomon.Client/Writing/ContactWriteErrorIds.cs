namespace Qomon.Client.Writing
{
    /// <summary>
    /// The stable error ids of the contact writer's outcomes (scripts match $_.FullyQualifiedErrorId). They are
    /// spelled here because the writer reports them and Qomon.Client cannot see the PowerShell project; the table
    /// of every id, with categories and meanings, is Qomon.PowerShell's Infrastructure/ErrorIds.cs, which lists
    /// these by reference.
    /// </summary>
    public static class ContactWriteErrorIds
    {
        public const string Conflict = "Qomon.Conflict";
        public const string OutcomeUnknown = "Qomon.WriteOutcomeUnknown";
        public const string NotAsSent = "Qomon.WriteNotAsSent";
    }
}
