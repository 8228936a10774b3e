using Qomon.Emulator.Model;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Writes
{
    /// <summary>
    /// How a form type keeps the answers it is sent, from the published PATCH page: a radio form keeps one value
    /// (the last sent), a checkbox form keeps each distinct value, text, numeric and date forms keep every entry.
    /// </summary>
    public static class AnswerRules
    {
        /// <summary>The rows a full replacement stores: all new, with new ids (soft delete + recreate).</summary>
        public static List<FormAnswer> Replace(IEnumerable<AnswerInput> sent, IIdSource ids, DateTime now)
        {
            var kept = new List<AnswerInput>();
            foreach (var answer in sent) Keep(kept, answer);
            return kept.Select(a => NewRow(a, ids, now)).ToList();
        }

        /// <summary>Adds one answer to a list being built, applying the form type's rule.</summary>
        public static void Keep(List<AnswerInput> kept, AnswerInput answer)
        {
            switch (answer.Form.Type)
            {
                case FormType.Radio:
                    kept.RemoveAll(k => k.Form.Id == answer.Form.Id);
                    kept.Add(answer);
                    break;
                case FormType.Checkbox:
                    if (!kept.Any(k => k.Form.Id == answer.Form.Id && k.FormRefId == answer.FormRefId)) kept.Add(answer);
                    break;
                default:
                    kept.Add(answer);
                    break;
            }
        }

        /// <summary>
        /// Upsert's merge: existing rows stay (with their ids) unless a radio answer replaces them; new values
        /// follow the same per-type rule; rows of forms not mentioned are untouched.
        /// </summary>
        public static List<FormAnswer> Merge(IReadOnlyList<FormAnswer> existing, IEnumerable<AnswerInput> sent, IIdSource ids, DateTime now)
        {
            var rows = existing.ToList();
            foreach (var a in sent)
            {
                switch (a.Form.Type)
                {
                    case FormType.Radio:
                        rows.RemoveAll(r => r.FormId == a.Form.Id);
                        break;
                    case FormType.Checkbox when rows.Any(r => r.FormId == a.Form.Id && r.FormRefId == a.FormRefId):
                        continue;
                }
                rows.Add(NewRow(a, ids, now));
            }
            return rows;
        }

        /// <summary>Soft delete: rows leave the live list and join the deleted ones, stamped with the time.</summary>
        public static IReadOnlyList<FormAnswer> Retire(IReadOnlyList<FormAnswer> deleted, IEnumerable<FormAnswer> rows, DateTime now) =>
            [.. deleted, .. rows.Select(r => r with { DeletedAt = now, UpdatedAt = now })];

        public static FormAnswer NewRow(AnswerInput a, IIdSource ids, DateTime now) => new()
        {
            Id = ids.NextAnswerId(),
            FormId = a.Form.Id,
            FormRefId = a.FormRefId,
            Data = a.Data,
            Date = Json.QomonDates.TruncateToMilliseconds(a.Date ?? now),
            SurveyId = a.SurveyId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
