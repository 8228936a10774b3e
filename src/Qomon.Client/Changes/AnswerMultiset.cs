using System.Collections.Generic;

namespace Qomon.Client.Changes
{
    /// <summary>
    /// A form's answers are a multiset: the server adds every text, numeric or date entry it is sent to the others,
    /// so one form can hold the same value twice (two "Not home" canvass notes on different dates). Lists of
    /// answers are compared and subtracted copy by copy, never as sets.
    /// </summary>
    internal static class AnswerMultiset
    {
        /// <summary>Equal when every value occurs as many times in one list as in the other, in any order.</summary>
        public static bool AreEqual(List<AnswerValue> a, List<AnswerValue> b) => a.Count == b.Count && Minus(a, b).Count == 0;

        /// <summary>The copies in <paramref name="from"/> that <paramref name="take"/> does not match one for one, in their order.</summary>
        public static List<AnswerValue> Minus(List<AnswerValue> from, List<AnswerValue> take)
        {
            var left = new List<AnswerValue>(0);
            var used = new bool[take.Count];
            foreach (var value in from)
            {
                var match = IndexOfUnused(take, used, value);
                if (match < 0) left.Add(value);
                else used[match] = true;
            }
            return left;
        }

        private static int IndexOfUnused(List<AnswerValue> list, bool[] used, AnswerValue value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!used[i] && list[i].SameAs(value.RefId, value.Data)) return i;
            }
            return -1;
        }
    }
}
