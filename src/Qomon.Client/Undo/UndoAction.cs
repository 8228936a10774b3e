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
}
