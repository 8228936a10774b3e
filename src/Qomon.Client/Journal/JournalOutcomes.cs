namespace Qomon.Client.Journal
{
    /// <summary>The outcome words of done lines.</summary>
    public static class JournalOutcomes
    {
        public const string Updated = "updated";
        public const string Unchanged = "unchanged";
        public const string Conflict = "conflict";
        public const string Failed = "failed";
        public const string Unknown = "unknown";
        public const string Created = "created";
        public const string Removed = "removed";

        /// <summary>A record with one of these outcomes needs nothing more: a resume skips it.</summary>
        public static bool IsComplete(string? outcome) => outcome == Updated || outcome == Unchanged || outcome == Created || outcome == Removed;
    }
}
