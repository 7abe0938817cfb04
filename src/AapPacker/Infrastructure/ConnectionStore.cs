using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Infrastructure
{
    /// <summary>
    /// The connections of one runspace: its default (set by Connect-Aap) and every client it created, looked up by
    /// the <see cref="AapConnectionInfo"/> object scripts pass to <c>-Connection</c>. One store per runspace, so
    /// parallel runspaces and <c>ForEach-Object -Parallel</c> never see each other's connection. The store lives as
    /// long as its runspace (weakly keyed) and disposes its clients when the runspace closes.
    /// </summary>
    internal sealed class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, ConnectionStore> Stores =
            new ConditionalWeakTable<Runspace, ConnectionStore>();

        private readonly object gate = new object();

        // Reference identity: two connections to the same server are still two connections.
        private readonly Dictionary<AapConnectionInfo, AapClient> clients =
            new Dictionary<AapConnectionInfo, AapClient>(ReferenceEqualityComparer.Instance);

        private AapConnectionInfo? current;

        private ConnectionStore()
        {
        }

        /// <summary>The store of <paramref name="runspace"/>, created on first use.</summary>
        public static ConnectionStore For(Runspace runspace)
        {
            return Stores.GetValue(runspace, CreateFor);
        }

        /// <summary>The default connection, or null.</summary>
        public AapConnectionInfo? Current
        {
            get
            {
                lock (gate)
                {
                    return current;
                }
            }
        }

        /// <summary>Registers <paramref name="client"/> and makes it the default connection.</summary>
        public void SetCurrent(AapClient client)
        {
            lock (gate)
            {
                clients[client.Info] = client;
                current = client.Info;
            }
        }

        /// <summary>The client for <paramref name="info"/>, or null when this runspace did not create it (or it was closed).</summary>
        public AapClient? Find(AapConnectionInfo info)
        {
            lock (gate)
            {
                return clients.TryGetValue(info, out var client) ? client : null;
            }
        }

        /// <summary>Forgets and disposes <paramref name="info"/>'s client; false when unknown here.</summary>
        public bool Remove(AapConnectionInfo info)
        {
            AapClient? client;
            lock (gate)
            {
                if (!clients.TryGetValue(info, out client))
                {
                    return false;
                }

                clients.Remove(info);
                if (ReferenceEquals(current, info))
                {
                    current = null;
                }
            }

            client.Dispose();
            return true;
        }

        private void RemoveAll()
        {
            List<AapClient> all;
            lock (gate)
            {
                all = new List<AapClient>(clients.Values);
                clients.Clear();
                current = null;
            }

            foreach (var client in all)
            {
                client.Dispose();
            }
        }

        private static ConnectionStore CreateFor(Runspace runspace)
        {
            var store = new ConnectionStore();
            runspace.StateChanged += (sender, e) =>
            {
                if (e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken)
                {
                    store.RemoveAll();
                }
            };
            return store;
        }

        /// <summary>Identity comparison (System.Collections.Generic.ReferenceEqualityComparer is .NET 5+ only).</summary>
        private sealed class ReferenceEqualityComparer : IEqualityComparer<AapConnectionInfo>
        {
            public static readonly ReferenceEqualityComparer Instance = new ReferenceEqualityComparer();

            public bool Equals(AapConnectionInfo? x, AapConnectionInfo? y) => ReferenceEquals(x, y);

            public int GetHashCode(AapConnectionInfo obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
