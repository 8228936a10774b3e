using Qomon.Emulator.Model;

namespace Qomon.Emulator.Writes
{
    /// <summary>One formdata or custom-field entry of a write, checked against its form.</summary>
    public sealed record AnswerInput(Form Form, long FormRefId, string? Data, DateTime? Date, long? SurveyId);

    public sealed record NoteInput(long? Id, string? Data, bool Pinned, bool OnlySuperAdmin);

    /// <summary>
    /// A validated POST /contacts or PATCH body. The plain fields are read straight into a draft Contact (server
    /// fields unset); notes and answers stay inputs, because the server gives them ids and applies form rules.
    /// For PATCH a field missing from the body is simply missing from the draft: that is the full replacement.
    /// </summary>
    public sealed record ContactInput
    {
        public Contact Draft { get; init; } = new();
        public IReadOnlyList<NoteInput> Notes { get; init; } = [];
        public IReadOnlyList<AnswerInput> FormDatas { get; init; } = [];
        public IReadOnlyList<AnswerInput> CustomFields { get; init; } = [];
    }
}
