namespace Qomon.PowerShell
{
    internal static class ModuleInfo
    {
        internal const string Name = "Qomon";
    }
}
