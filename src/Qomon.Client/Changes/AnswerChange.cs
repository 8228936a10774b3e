using System.Collections.Generic;
using Qomon.Client.Model;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// What to do with one form's answers: set them to exactly Values (none = clear), or add and remove single
    /// values while keeping the others (a checkbox's documented +/- input).
    /// </summary>
    public sealed class AnswerChange
    {
        internal AnswerChange(AnswerKind kind, long formId)
        {
            Kind = kind;
            FormId = formId;
        }

        public AnswerKind Kind { get; }
        public long FormId { get; }

        /// <summary>True: the form's answers become exactly Values. False: Added and Removed apply to what the contact holds.</summary>
        public bool IsExact { get; internal set; }

        internal List<AnswerValue> ValueList { get; } = new List<AnswerValue>();
        internal List<AnswerValue> AddedList { get; } = new List<AnswerValue>();
        internal List<AnswerValue> RemovedList { get; } = new List<AnswerValue>();

        /// <summary>The exact answers when IsExact (empty = clear the form's answers).</summary>
        public IReadOnlyList<AnswerValue> Values => ValueList;
        public IReadOnlyList<AnswerValue> Added => AddedList;
        public IReadOnlyList<AnswerValue> Removed => RemovedList;

        /// <summary>form:&lt;id&gt; or custom:&lt;id&gt;: the path conflicts are checked on.</summary>
        public string Path => AnswerKinds.PathOf(Kind, FormId);

        internal static bool Contains(List<AnswerValue> list, AnswerValue value) => IndexOf(list, value) >= 0;

        internal static int IndexOf(List<AnswerValue> list, AnswerValue value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].SameAs(value.RefId, value.Data)) return i;
            }
            return -1;
        }
    }
}
