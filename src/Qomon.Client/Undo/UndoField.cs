using System.Text.Json.Nodes;

namespace Qomon.Client.Undo
{
    /// <summary>
    /// One field a run wrote, as its journal records it: the path in ContactDiff's vocabulary (firstname,
    /// address.city, tags[Name], notes, form:&lt;id&gt;, custom:&lt;id&gt;) and the values before and after the write.
    /// </summary>
    public sealed class UndoField
    {
        public UndoField(string path, JsonNode? oldValue, JsonNode? newValue)
        {
            Path = path ?? "";
            Old = oldValue;
            New = newValue;
        }

        public string Path { get; }

        public JsonNode? Old { get; }

        /// <summary>What the run wrote: the value a field must still hold to be put back without -Force.</summary>
        public JsonNode? New { get; }
    }
}
