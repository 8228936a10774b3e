using Qomon.Client.Writing;

namespace Qomon.PowerShell.Writing
{
    /// <summary>Turns the contact writer's outcome into the record's outcome and error record.</summary>
    internal static class WriteOutcomes
    {
        internal static void Apply(WriteRecord record, ContactWriteResult result)
        {
            switch (result.Outcome)
            {
                case ContactWriteOutcome.Updated:
                    record.Stored = result.Stored;
                    record.Outcome = RecordOutcome.Updated;
                    break;
                case ContactWriteOutcome.Unchanged:
                    record.Stored = result.Stored;
                    record.Outcome = RecordOutcome.Unchanged;
                    break;
                case ContactWriteOutcome.Conflict:
                    record.Fail(WriteErrors.Conflict(record, result.Message), RecordOutcome.Conflict);
                    break;
                case ContactWriteOutcome.OutcomeUnknown:
                    record.Fail(WriteErrors.OutcomeUnknown(record, result.Failure!, result.ReadBackFailure));
                    break;
                case ContactWriteOutcome.NotAsSent:
                    // Written, but not as asked: not counted as updated, and the error names the fields.
                    record.Fail(WriteErrors.NotAsSent(record, result));
                    break;
                default:
                    record.Fail(WriteErrors.FromApi(record, result.Failure!));
                    break;
            }
        }
    }
}
