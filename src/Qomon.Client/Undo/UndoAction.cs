namespace Qomon.Client.Undo
{
    /// <summary>What undoing one journaled record takes.</summary>
    public enum UndoAction
    {
        /// <summary>An update: put back the fields that still hold what the run wrote (UndoPlanner).</summary>
        PutBack,

        /// <summary>A create: remove the contact the run created.</summary>
        Remove,

        /// <summary>A remove: create the contact again from its before image (it gets a new id).</summary>
        Recreate,
    }

    /// <summary>One record of the run to undo, and how.</summary>
    public sealed class UndoItem
    {
        internal UndoItem(Journal.JournalRecord record, UndoAction action, long contactId)
        {
            Record = record;
            Action = action;
            ContactId = contactId;
        }

        public Journal.JournalRecord Record { get; }
        public UndoAction Action { get; }

        /// <summary>The contact concerned: the one updated or removed, or the one the run created.</summary>
        public long ContactId { get; }
    }
}
