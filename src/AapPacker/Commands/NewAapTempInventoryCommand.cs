using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Creates a temporary AAP inventory for one Packer build.
/// The inventory's name is unique per build source; its description marks it as created by
/// AapPacker for the build id, and the build's ledger file records it (announced before the create is sent), so
/// Remove-AapBuildResources -BuildId finds it.
/// </summary>
[Cmdlet(VerbsCommon.New, "AapTempInventory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapInventory))]
public sealed class NewAapTempInventoryCommand : AapConnectedCmdlet
{
    /// <summary>The owning organization (name or id).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string Organization { get; set; } = "";

    /// <summary>The build id (default: the Packer run, else the session's build id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BuildId { get; set; }

    /// <summary>Inventory variables (never secrets).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Variables { get; set; }

    internal override object? ErrorTarget => Organization;

    /// <inheritdoc />
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        => ErrorRecordFactory.GuardAsync(() => CreateAsync(cancellationToken), () => Organization);

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var api = new AapClientApi(ResolveClient());
        var build = SessionBuildId.Create(CurrentRunspace, BuildId);
        var variables = PipelineValues.ToDictionary(Variables);
        if (variables != null)
        {
            foreach (var pair in variables)
            {
                // Refused before anything is asked of AAP, -WhatIf included.
                HostVariablesBuilder.CheckNotSecret(pair.Key, pair.Value, "inventory variable");
            }
        }

        var organization = await new NamedObjectResolver(api).OrganizationAsync(Organization, cancellationToken).ConfigureAwait(false);
        var name = BuildNaming.InventoryName(build);
        if (!await ShouldProcessAsync($"organization {organization}", $"Create temporary inventory '{name}' for build {build.BuildId}").ConfigureAwait(false))
        {
            return;
        }

        var ledger = StepLedger.Open(build);
        var inventory = await new TemporaryResources(api).CreateInventoryAsync(build, organization.Id, variables, ledger, cancellationToken).ConfigureAwait(false);
        QueueVerbose($"Created {inventory} for build {inventory.BuildId}: {inventory.Url}");
        StepLedger.Report(this, ledger, $"inventory {inventory.Id}");
        QueueObject(inventory);
    }
}
