using System.Text.Json.Nodes;

namespace Qomon.Client.Changes
{
    /// <summary>One field to set or clear: a top-level key (canonical name) or an address part (address.city).</summary>
    public sealed class FieldEdit
    {
        internal FieldEdit(string path, JsonNode? value)
        {
            Path = path;
            Value = value;
        }

        public string Path { get; }

        /// <summary>The new value; null clears the field.</summary>
        public JsonNode? Value { get; internal set; }

        public bool IsClear => Value == null;
    }
}
