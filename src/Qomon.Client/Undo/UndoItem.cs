using Qomon.Client.Journal;

namespace Qomon.Client.Undo
{
    /// <summary>One record of the run to undo, and how.</summary>
    public sealed class UndoItem
    {
        internal UndoItem(JournalRecord record, UndoAction action, long contactId)
        {
            Record = record;
            Action = action;
            ContactId = contactId;
        }

        public JournalRecord Record { get; }
        public UndoAction Action { get; }

        /// <summary>The contact concerned: the one updated or removed, or the one the run created.</summary>
        public long ContactId { get; }
    }
}
