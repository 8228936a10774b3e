using System;
using System.Security;
using Qomon.Client;
using Qomon.Client.Connection;

namespace Qomon.Desktop.Tests
{
    public static class Connections
    {
        /// <summary>A connection to the emulator with the given retry limits (the rest as Connect-Qomon sets them).</summary>
        public static QomonConnection Open(EmulatorProcess emulator, int attempts, TimeSpan timeout)
        {
            var settings = new QomonConnectionSettings { BaseUri = emulator.Url, MaxAttempts = attempts, Timeout = timeout };
            var key = new SecureString();
            foreach (var c in EmulatorProcess.ApiKey) key.AppendChar(c);
            key.MakeReadOnly();
            return QomonConnection.Open(settings, key);
        }
    }
}
