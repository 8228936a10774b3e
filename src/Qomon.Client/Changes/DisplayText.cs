using System.Text.Json.Nodes;
using Qomon.Client.Json;

namespace Qomon.Client.Changes
{
    /// <summary>Short, single-line display of a value for -WhatIf and summaries.</summary>
    internal static class DisplayText
    {
        private const int MaxLength = 80;

        public static string Of(JsonNode? node)
        {
            if (node == null) return "";
            var text = node is JsonValue ? JsonRead.GetText(node) ?? "" : node.ToJsonString();
            return Shorten(text);
        }

        public static string Shorten(string text)
        {
            var single = text.IndexOf('\n') >= 0 || text.IndexOf('\r') >= 0 ? text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ') : text;
            return single.Length <= MaxLength ? single : single.Substring(0, MaxLength - 3) + "...";
        }
    }
}
