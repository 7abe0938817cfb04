using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Listing;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Lists AAP inventories: by name or pattern, by id, by organization, or a build's temporary inventories.
/// -BuildId keeps the inventories AapPacker created for that build (a Packer run UUID
/// matches every build block of the run), with the build id read from their description.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AapInventory", DefaultParameterSetName = NameSet)]
[OutputType(typeof(AapInventory))]
public sealed class GetAapInventoryCommand : AapConnectedCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    /// <summary>Names or wildcard patterns (default: all).</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InventoryNameCompleter))]
#pragma warning disable CA1819 // PowerShell binds arrays.
    public string[]? Name { get; set; }

    /// <summary>Inventory ids.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Id { get; set; }
#pragma warning restore CA1819

    /// <summary>Only inventories of this organization (name or id).</summary>
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string? Organization { get; set; }

    /// <summary>Only the temporary inventories of this build (build id or Packer run UUID).</summary>
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string? BuildId { get; set; }

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var (names, ids, organization, buildId) = await InvokeOnPipelineThreadAsync(() => (Name, Id, Organization, BuildId)).ConfigureAwait(false);
        var queries = new InventoryQueries(new AapClientApi(ResolveClient()));
        if (ids != null)
        {
            foreach (var id in ids)
            {
                var found = false;
                await foreach (var inventory in queries.ListAsync(id, null, null, null, cancellationToken).ConfigureAwait(false))
                {
                    found = true;
                    QueueObject(inventory);
                }

                if (!found)
                {
                    QueueError(NotFound($"There is no inventory with id {id} (or you cannot see it).", id, "Check -Id, or list inventories with Get-AapInventory -Name."));
                }
            }

            return;
        }

        foreach (var filter in NameFilter.From(names))
        {
            var found = false;
            await foreach (var inventory in queries.ListAsync(null, filter.ExactName, organization, buildId, cancellationToken).ConfigureAwait(false))
            {
                if (filter.Matches(inventory.Name))
                {
                    found = true;
                    QueueObject(inventory);
                }
            }

            if (!found && filter.ExactName != null)
            {
                QueueError(NotFound($"There is no inventory named '{filter.Text}' that matches (or you cannot see it).", filter.Text,
                    "Check -Name (names are case-sensitive; '*' lists every inventory), -Organization and -BuildId."));
            }
        }
    }

    private static ErrorRecord NotFound(string message, object target, string action)
        => AapErrorMapper.Create(new ItemNotFoundException(message), AapErrorIds.NotFound, ErrorCategory.ObjectNotFound, target, action);
}
