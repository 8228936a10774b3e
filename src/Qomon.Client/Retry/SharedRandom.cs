using System;

namespace Qomon.Client.Retry
{
    /// <summary>Jitter source when none is injected; System.Random is not thread-safe on .NET Framework.</summary>
    internal static class SharedRandom
    {
        private static readonly Random Random = new Random();

        public static double Next()
        {
            lock (Random) return Random.NextDouble();
        }
    }
}
