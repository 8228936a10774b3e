namespace Qomon.Client.Undo
{
    /// <summary>A field someone changed after the run: it no longer holds what the run wrote, so undo leaves it alone (unless forced).</summary>
    public sealed class UndoConflict
    {
        internal UndoConflict(string path, string beforeRun, string written, string now)
        {
            Path = path;
            BeforeRun = beforeRun;
            Written = written;
            Now = now;
        }

        /// <summary>The field as people read it: mobile, address.city, tags[VIP], notes, form:Consent.</summary>
        public string Path { get; }

        public string BeforeRun { get; }
        public string Written { get; }
        public string Now { get; }

        /// <summary>"mobile: the run wrote '+33 7', it now holds '+33 8' (before the run: '+33 6')".</summary>
        public override string ToString() =>
            Path + ": the run wrote '" + Written + "', it now holds '" + Now + "' (before the run: '" + BeforeRun + "')";
    }
}
