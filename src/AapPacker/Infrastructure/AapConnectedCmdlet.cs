using System;
using System.Management.Automation;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Infrastructure;

/// <summary>
/// Base for every cmdlet that talks to AAP: adds <c>-Connection</c> and resolves it (or the runspace's default
/// connection from Connect-Aap, or one made from the environment when there is none) to the client behind it.
/// </summary>
public abstract class AapConnectedCmdlet : AsyncPSCmdlet
{
    /// <summary>
    /// The connection to use, as returned by <c>Connect-Aap -PassThru</c> or <c>Get-AapConnection</c>.
    /// Default: the session's current connection.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public AapConnectionInfo? Connection { get; set; }

    /// <summary>
    /// The connection this cmdlet uses (<see cref="ResolveClient"/>), as Connect-Aap returns it: what a cmdlet
    /// derived outside this module can see (the client itself is internal).
    /// </summary>
    protected AapConnectionInfo ResolveConnection() => ResolveClient().Info;

    /// <summary>
    /// The client for <see cref="Connection"/> or the default connection. With neither, it connects from the
    /// environment as Connect-Aap without parameters does, and keeps that as the session's connection; with
    /// nothing in the environment either, it throws a terminating error naming the fix. Call it from the async
    /// body: it only reads the runspace captured at BeginProcessing, and it may wait for AAP.
    /// </summary>
    internal AapClient ResolveClient()
    {
        var runspace = CurrentRunspace
            ?? throw new InvalidOperationException("The cmdlet has no runspace; it must run inside a PowerShell pipeline.");
        var store = ConnectionStore.For(runspace);

        if (Connection is null)
        {
            var current = store.Current;
            var client = current is null ? null : store.Find(current);
            if (client is null)
            {
                client = ImplicitConnection.TryConnect(this, CancellationToken) ?? throw new CmdletTerminatingException(AapErrorMapper.Create(
                    new InvalidOperationException("There is no AAP connection in this session, and no AAP server in the environment."),
                    AapErrorIds.NotConnected, ErrorCategory.ConnectionError, null,
                    "Run Connect-Aap first, or set AAP_HOSTNAME and AAP_TOKEN (or AAP_USERNAME and AAP_PASSWORD), or pass -Connection."));
                store.SetCurrent(client);
            }

            return client;
        }

        return store.Find(Connection) ?? throw new CmdletTerminatingException(AapErrorMapper.Create(
            new InvalidOperationException($"The connection {Connection} is not open in this session."),
            AapErrorIds.ConnectionUnknown, ErrorCategory.InvalidArgument, Connection,
            "Connections belong to the PowerShell session (runspace) that created them and end with Disconnect-Aap. Run Connect-Aap in this session and pass its result to -Connection."));
    }
}
