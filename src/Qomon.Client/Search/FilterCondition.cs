using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Model;

namespace Qomon.Client.Search
{
    /// <summary>One equality of a filter: the contact field, the search attribute and operator sent, and the expected value.</summary>
    public sealed class FilterCondition
    {
        internal FilterCondition(ContactField field, string attribute, string operation, JsonNode? value, IReadOnlyList<string>? items)
        {
            Field = field;
            Attribute = attribute;
            Operation = operation;
            Value = value;
            Items = items;
        }

        public ContactField Field { get; }

        /// <summary>The search attribute (address.city, tags.name, age_cat...).</summary>
        public string Attribute { get; }

        /// <summary>eql, eql:strictdata, all_of or not_ext; for a '*' pattern start_with, contains or ext.</summary>
        public string Operation { get; }

        /// <summary>The expected value (null: the field must be empty).</summary>
        public JsonNode? Value { get; }

        /// <summary>A '*' pattern the whole value must match (ignoring case); the server condition only narrows.</summary>
        internal System.Text.RegularExpressions.Regex? Pattern { get; set; }

        /// <summary>For list fields (tags, action_ids): the items that must all be present.</summary>
        public IReadOnlyList<string>? Items { get; }
    }
}
