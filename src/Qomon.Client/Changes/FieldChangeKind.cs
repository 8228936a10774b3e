namespace Qomon.Client.Changes
{
    /// <summary>What happened to one field, tag, note or answer value between two states of a contact.</summary>
    public enum FieldChangeKind
    {
        /// <summary>A value is given where there was another one (or none).</summary>
        Set,
        /// <summary>The value is removed.</summary>
        Cleared,
        /// <summary>An item joins a list: a tag, a note, a checkbox value.</summary>
        Added,
        /// <summary>An item leaves a list.</summary>
        Removed,
    }
}
