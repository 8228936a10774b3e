using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Changes
{
    internal enum DiffSection
    {
        Field,
        Tag,
        Note,
        Answer,
    }

    /// <summary>One raw difference between two states of a contact, before it is worded for people.</summary>
    internal sealed class DiffItem
    {
        public DiffSection Section { get; set; }

        /// <summary>Field path (firstname, address.city), tags, notes, or form:&lt;id&gt; / custom:&lt;id&gt;.</summary>
        public string Path { get; set; } = "";

        public FieldChangeKind Kind { get; set; }

        /// <summary>Fields and notes: the value before and after (null = none).</summary>
        public JsonNode? Old { get; set; }
        public JsonNode? New { get; set; }

        /// <summary>Tags: the tag added or removed.</summary>
        public string? Tag { get; set; }

        public AnswerKind AnswerKind { get; set; }
        public long FormId { get; set; }

        /// <summary>Answers: the form's values before and after.</summary>
        public List<AnswerValue>? OldAnswers { get; set; }
        public List<AnswerValue>? NewAnswers { get; set; }

        /// <summary>The path in the conflict vocabulary (ContactPaths).</summary>
        public string ConflictPath => Section == DiffSection.Tag ? ContactPaths.Tag(Tag!) : Path;
    }
}
