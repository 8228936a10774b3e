using System.Text.Json.Nodes;

namespace Qomon.Client.Journal
{
    /// <summary>One field a request changes: its path and its value before and as sent (JSON; null = none).</summary>
    public sealed class JournalField
    {
        public JournalField(string path, JsonNode? old, JsonNode? @new)
        {
            Path = path;
            Old = old;
            New = @new;
        }

        public string Path { get; }
        public JsonNode? Old { get; }
        public JsonNode? New { get; }

        public override string ToString() => Path;
    }
}
