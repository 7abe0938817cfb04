using System.Management.Automation;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Forgets an AAP connection and releases its resources.
/// Without -Connection, forgets the session's current connection. Nothing changes on
/// the server: AapPacker never creates tokens, so there is none to revoke.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Aap")]
[OutputType(typeof(void))]
public sealed class DisconnectAapCommand : PSCmdlet
{
    /// <summary>The connection to close. Default: the session's current connection.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public AapConnectionInfo? Connection { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var store = ConnectionStore.For(System.Management.Automation.Runspaces.Runspace.DefaultRunspace);
        var target = Connection ?? store.Current;
        if (target is null)
        {
            WriteError(GetAapConnectionCommand.NotConnected());
            return;
        }

        if (store.Remove(target))
        {
            WriteVerbose("Disconnected: " + target);
        }
        else
        {
            WriteError(AapErrorMapper.Create(
                new System.InvalidOperationException($"The connection {target} is not open in this session."),
                AapErrorIds.ConnectionUnknown, ErrorCategory.InvalidArgument, target,
                "It was already disconnected, or belongs to another PowerShell session (runspace)."));
        }
    }
}
