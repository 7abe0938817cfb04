using System;
using System.Management.Automation;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Gets the session's current AAP connection.
/// Returns the connection Connect-Aap made in this PowerShell session (no secret in it).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AapConnection")]
[OutputType(typeof(AapConnectionInfo))]
public sealed class GetAapConnectionCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var current = ConnectionStore.For(System.Management.Automation.Runspaces.Runspace.DefaultRunspace).Current;
        if (current is null)
        {
            WriteError(NotConnected());
            return;
        }

        WriteObject(current);
    }

    internal static ErrorRecord NotConnected() => AapErrorMapper.Create(
        new InvalidOperationException("There is no AAP connection in this session."),
        AapErrorIds.NotConnected, ErrorCategory.ObjectNotFound, null,
        "Run Connect-Aap first (or set AAP_HOSTNAME and AAP_TOKEN and run Connect-Aap without parameters).");
}
