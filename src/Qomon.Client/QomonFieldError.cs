namespace Qomon.Client
{
    /// <summary>One field-level problem from an RFC 7807 "errors" array.</summary>
    public sealed class QomonFieldError
    {
        public QomonFieldError(string? location, string? message, string? value)
        {
            Location = location;
            Message = message;
            Value = value;
        }

        public string? Location { get; }
        public string? Message { get; }
        /// <summary>The offending value as the server echoed it (JSON text), if any.</summary>
        public string? Value { get; }

        public override string ToString() =>
            string.IsNullOrEmpty(Location) ? Message ?? "" : $"{Location}: {Message}";
    }
}
