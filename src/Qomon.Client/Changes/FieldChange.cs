namespace Qomon.Client.Changes
{
    /// <summary>
    /// One field-level difference as -WhatIf prints it. Values are short display strings (answers by their
    /// form and value labels); Path is the field's name (firstname, address.city, tags, notes, form:Label).
    /// </summary>
    public sealed class FieldChange
    {
        public FieldChange(string path, FieldChangeKind kind, string oldValue, string newValue)
        {
            Path = path;
            Kind = kind;
            OldValue = oldValue;
            NewValue = newValue;
        }

        public string Path { get; }
        public FieldChangeKind Kind { get; }
        public string OldValue { get; }
        public string NewValue { get; }

        public override string ToString()
        {
            switch (Kind)
            {
                case FieldChangeKind.Added: return Path + ": + '" + NewValue + "'";
                case FieldChangeKind.Removed: return Path + ": - '" + OldValue + "'";
                case FieldChangeKind.Cleared: return Path + ": '" + OldValue + "' -> (cleared)";
                default: return Path + ": '" + OldValue + "' -> '" + NewValue + "'";
            }
        }
    }
}
