namespace Qomon.Emulator.Storage
{
    /// <summary>Row ids for a contact that is built but never stored (a probe, an answer to a write not applied): all 0, none used up.</summary>
    public sealed class NoIds : IIdSource
    {
        public static readonly NoIds Instance = new();
        public long NextAnswerId() => 0;
        public long NextNoteId() => 0;
        public long NextAddressId() => 0;
    }
}
