using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Infrastructure;

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

    private readonly object _gate = new object();

    // Reference identity: two connections to the same server are still two connections.
    private readonly Dictionary<AapConnectionInfo, AapClient> _clients =
        new Dictionary<AapConnectionInfo, AapClient>(ReferenceEqualityComparer.Instance);

    private AapConnectionInfo? _current;

    // Tab completion's own client for commands that connect from the environment (never the default connection).
    private string? _completionKey;
    private AapClient? _completionClient;

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
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Registers <paramref name="client"/> and makes it the default connection.</summary>
    public void SetCurrent(AapClient client)
    {
        lock (_gate)
        {
            _clients[client.Info] = client;
            _current = client.Info;
        }
    }

    /// <summary>The client for <paramref name="info"/>, or null when this runspace did not create it (or it was closed).</summary>
    public AapClient? Find(AapConnectionInfo info)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(info, out var client) ? client : null;
        }
    }

    /// <summary>Tab completion's environment client when it was made for the same settings (<paramref name="key"/>), else null.</summary>
    public AapClient? FindCompletionClient(string key)
    {
        lock (_gate)
        {
            return string.Equals(_completionKey, key, StringComparison.Ordinal) ? _completionClient : null;
        }
    }

    /// <summary>
    /// Keeps <paramref name="client"/> as tab completion's environment client for <paramref name="key"/>, disposing the
    /// one it replaces; returns the client to use (the one already kept when another completion got there first).
    /// </summary>
    public AapClient KeepCompletionClient(string key, AapClient client)
    {
        AapClient? replaced;
        lock (_gate)
        {
            if (string.Equals(_completionKey, key, StringComparison.Ordinal) && _completionClient != null)
            {
                replaced = client;
                client = _completionClient;
            }
            else
            {
                replaced = _completionClient;
                _completionKey = key;
                _completionClient = client;
            }
        }

        replaced?.Dispose();
        return client;
    }

    /// <summary>Forgets and disposes <paramref name="info"/>'s client; false when unknown here.</summary>
    public bool Remove(AapConnectionInfo info)
    {
        AapClient? client;
        lock (_gate)
        {
            if (!_clients.TryGetValue(info, out client))
            {
                return false;
            }

            _clients.Remove(info);
            if (ReferenceEquals(_current, info))
            {
                _current = null;
            }
        }

        client.Dispose();
        return true;
    }

    private void RemoveAll()
    {
        List<AapClient> all;
        lock (_gate)
        {
            all = new List<AapClient>(_clients.Values);
            if (_completionClient != null)
            {
                all.Add(_completionClient);
            }

            _clients.Clear();
            _current = null;
            _completionKey = null;
            _completionClient = null;
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
