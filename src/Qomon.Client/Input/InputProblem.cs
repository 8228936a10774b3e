namespace Qomon.Client.Input
{
    /// <summary>One thing wrong with a record's input: the field as the caller named it and what is wrong.</summary>
    public sealed class InputProblem
    {
        public InputProblem(string field, string message)
        {
            Field = field;
            Message = message;
        }

        public string Field { get; }
        public string Message { get; }

        public override string ToString() => Field.Length == 0 ? Message : Field + ": " + Message;
    }
}
