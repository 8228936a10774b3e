namespace Qomon.Client.Input
{
    /// <summary>How ContactChangesReader treats input.</summary>
    public sealed class ContactReadOptions
    {
        /// <summary>An empty string clears the field (-ClearEmpty). Otherwise it changes nothing and is listed in SkippedEmpty.</summary>
        public bool ClearEmpty { get; set; }

        /// <summary>A record without Id, id or ContactId is a problem (Set-QomonContact without -Id).</summary>
        public bool RequireId { get; set; }

        /// <summary>Longest text accepted for one value; longer text is a problem, not silently cut.</summary>
        public int MaxTextLength { get; set; } = 10000;
    }
}
