namespace Qomon.Client.Diagnostics
{
    /// <summary>Where the client's diagnostics go. Implementations must accept calls from any thread.</summary>
    public interface IQomonLog
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
    }
}
