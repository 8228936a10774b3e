using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Qomon.Client;

namespace Qomon.PowerShell.Connections
{
    /// <summary>
    /// The default connection of each runspace. Keyed on the runspace, not held in a process static, so that
    /// runbooks sharing a sandbox, ForEach-Object -Parallel and hosted runspaces never use each other's key;
    /// a connection is shared across runspaces only when passed explicitly with -Connection.
    /// The table holds runspaces weakly: a closed runspace's entry goes with it.
    /// </summary>
    public static class DefaultConnectionStore
    {
        private sealed class Slot
        {
            public QomonConnection? Connection;
        }

        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        // Hosts that run commands without a default runspace on the thread still get one slot, for that case only.
        private static readonly Slot NoRunspaceSlot = new Slot();

        private static Slot Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace == null ? NoRunspaceSlot : Slots.GetValue(runspace, _ => new Slot());
            }
        }

        /// <summary>The current runspace's default connection, or null.</summary>
        public static QomonConnection? Get()
        {
            var slot = Current;
            lock (slot) return slot.Connection;
        }

        /// <summary>Makes the connection the current runspace's default; returns the one it replaces.</summary>
        public static QomonConnection? Set(QomonConnection connection)
        {
            var slot = Current;
            lock (slot)
            {
                var previous = slot.Connection;
                slot.Connection = connection;
                return previous;
            }
        }

        /// <summary>Forgets the default if it is <paramref name="connection"/> (or any, when null); returns what was removed.</summary>
        public static QomonConnection? Clear(QomonConnection? connection = null)
        {
            var slot = Current;
            lock (slot)
            {
                var previous = slot.Connection;
                if (connection != null && !ReferenceEquals(previous, connection)) return null;
                slot.Connection = null;
                return previous;
            }
        }
    }
}
