using System;

namespace Qomon.PowerShell.Connections
{
    /// <summary>Qomon's hosts, for Connect-Qomon -Region: a convenience over -BaseUri.</summary>
    public enum QomonRegion
    {
        /// <summary>https://incoming.qomon.app (the default).</summary>
        EU,

        /// <summary>https://incoming-us.qomon.app.</summary>
        US,
    }

    public static class QomonRegions
    {
        public static Uri BaseUriOf(QomonRegion region) =>
            region == QomonRegion.US ? new Uri("https://incoming-us.qomon.app") : new Uri("https://incoming.qomon.app");
    }
}
