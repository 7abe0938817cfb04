using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Api;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Adds the machine being built to an AAP inventory as a host.
/// The host's variables carry ansible_host, ansible_port, ansible_user and
/// ansible_connection (and the ansible_winrm_* settings for WinRM), never a secret. The host belongs to a build (the
/// temporary inventory's, else -BuildId, the Packer run or the session's): its description carries AapPacker's marker
/// and the build's ledger file records it, so Remove-AapBuildResources -BuildId removes exactly that host, also from
/// an inventory AapPacker did not create (which it never removes).
/// </summary>
[Cmdlet(VerbsCommon.Add, "AapHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapHost))]
public sealed class AddAapHostCommand : AapConnectedCmdlet
{
    /// <summary>The inventory: an object from New-AapTempInventory, an id, or a name.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Inventory { get; set; }

    /// <summary>The address AAP connects to (ansible_host).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Address { get; set; } = "";

    /// <summary>The host name in the inventory (default: the address).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The port (ansible_port).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    /// <summary>The login user (ansible_user).</summary>
    [Parameter]
    [Alias("User")]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    /// <summary>ssh or winrm (ansible_connection).</summary>
    [Parameter]
    [ValidateSet("ssh", "winrm")]
    public string ConnectionType { get; set; } = "ssh";

    /// <summary>WinRM transport.</summary>
    [Parameter]
    [ValidateSet("ntlm", "kerberos", "credssp", "basic", "certificate", "plaintext", "ssl")]
    public string? WinRMTransport { get; set; }

    /// <summary>WinRM scheme.</summary>
    [Parameter]
    [ValidateSet("https", "http")]
    public string? WinRMScheme { get; set; }

    /// <summary>WinRM certificate validation.</summary>
    [Parameter]
    [ValidateSet("validate", "ignore")]
    public string? WinRMServerCertValidation { get; set; }

    /// <summary>More host variables (never secrets).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Variables { get; set; }

    /// <summary>Groups to put the host into (created when missing).</summary>
    [Parameter]
    [ValidateNotNull]
    public string[]? Group { get; set; }

    /// <summary>The build the host belongs to, for a host in an inventory AapPacker did not create (default: the Packer run, else the session's build id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BuildId { get; set; }

    internal override object? ErrorTarget => Address;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Pipeline-bound values change per record: take them on the pipeline thread.
        var input = await InvokeOnPipelineThreadAsync(() => new
        {
            Inventory,
            Target = new HostTarget
            {
                Address = Address,
                Port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : (int?)null,
                User = UserName,
                ConnectionType = ConnectionType,
                WinRmTransport = WinRMTransport,
                WinRmScheme = WinRMScheme,
                WinRmServerCertValidation = WinRMServerCertValidation,
                Variables = PipelineValues.ToDictionary(Variables),
            },
            Name,
            Groups = Group,
            BuildId,
        }).ConfigureAwait(false);

        await ErrorRecordFactory.GuardAsync(async () =>
        {
            if (PackerValue.IsMissing(input.Target.Address))
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidTargetAddress,
                    $"The address '{input.Target.Address}' is Packer's placeholder for a value it does not know yet.",
                    $"Pass {Fields.TargetHost} with an address AAP can reach (Packer fills build.Host only once its communicator has connected).");
            }

            var variables = HostVariablesBuilder.Build(input.Target);
            if (TargetAddress.ReachabilityWarning(variables.Address) is { } warning)
            {
                QueueWarning(warning);
            }

            var api = new AapClientApi(ResolveClient());
            var inventory = await InventoryReference.ResolveAsync(api, input.Inventory, cancellationToken).ConfigureAwait(false);
            var build = HostBuild(inventory, input.BuildId);
            var hostName = string.IsNullOrWhiteSpace(input.Name) ? variables.Address : input.Name!;
            if (!await ShouldProcessAsync(inventory.Display, $"Add host '{hostName}' ({variables.ConnectionType} {variables.Address}:{variables.Port}) for build {build.BuildId}").ConfigureAwait(false))
            {
                return;
            }

            var ledger = StepLedger.Open(build);
            var host = await new TemporaryResources(api).AddHostAsync(inventory.Id, variables, input.Name, build.BuildId, ledger, cancellationToken).ConfigureAwait(false);
            StepLedger.Report(this, ledger, $"host {host.Id}");
            if (input.Groups != null && input.Groups.Length > 0)
            {
                await new HostGroups(api).AddAsync(host.InventoryId, host.Id, input.Groups, cancellationToken).ConfigureAwait(false);
                QueueVerbose($"Put {host} into group(s) {string.Join(", ", input.Groups)}");
            }

            QueueVerbose($"Added {host} to {inventory.Display}");
            QueueObject(host);
        }, () => input.Target.Address).ConfigureAwait(false);
    }

    /// <summary>
    /// The build a new host belongs to: a temporary inventory's own (a different -BuildId is refused: the host would be
    /// removed with the inventory of another build); in any other inventory -BuildId, else the Packer run's or the
    /// session's build id.
    /// </summary>
    private BuildIdentity HostBuild(InventoryReference inventory, string? explicitBuildId)
    {
        if (inventory.IsTemporary && inventory.BuildId != null)
        {
            var build = BuildIdentity.Create(inventory.BuildId, null, null);
            if (!PackerValue.IsMissing(explicitBuildId) && BuildIdentity.Sanitize(explicitBuildId!) != build.BuildId)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InventoryOfAnotherBuild,
                    $"{inventory.Display} is the temporary inventory of build '{build.BuildId}', not of build '{explicitBuildId}'.",
                    $"Omit -BuildId (a host in a temporary inventory belongs to that inventory's build), or pipe an inventory of build '{explicitBuildId}'.");
            }

            return build;
        }

        return SessionBuildId.Create(CurrentRunspace, explicitBuildId);
    }
}
