namespace Qomon.Client.Journal
{
    /// <summary>The method words of pending and done lines.</summary>
    public static class JournalMethods
    {
        public const string Patch = "patch";
        public const string Upsert = "upsert";
        public const string Post = "post";
        public const string Delete = "delete";
    }
}
