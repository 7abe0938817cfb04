using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>Lists inventories for <c>Get-AapInventory</c>.</summary>
internal sealed class InventoryQueries
{
    private readonly IAapApi _api;

    /// <summary>Creates the reader.</summary>
    public InventoryQueries(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Inventories ordered by name: optionally one by id, those named exactly <paramref name="name"/>, those of one
    /// organization (name or id), and the temporary inventories of one build (a build id, or a Packer run UUID for
    /// every build block of that run).
    /// </summary>
    public async IAsyncEnumerable<AapInventory> ListAsync(int? id, string? name, string? organization, string? buildId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new InventoryListFilter { Id = id, Name = string.IsNullOrEmpty(name) ? null : name };
        if (!string.IsNullOrWhiteSpace(organization))
        {
            filter.OrganizationId = (await new NamedObjectResolver(_api).OrganizationAsync(organization!, cancellationToken).ConfigureAwait(false)).Id;
        }

        var build = string.IsNullOrWhiteSpace(buildId) ? null : BuildIdentity.Sanitize(buildId!);
        if (build != null)
        {
            // Narrowed by name on the server; the description's marker decides.
            filter.NameStartsWith = BuildNaming.NamePrefix + build;
        }

        var mapper = new TemporaryResources(_api);
        await foreach (var item in _api.Inventories().ListAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            var inventory = mapper.ToInventory(item);
            inventory.Organization = item.OrganizationName;
            inventory.TotalHosts = item.TotalHosts;
            if (build is null || (inventory.BuildId != null && BuildNaming.BuildIdMatches(inventory.BuildId, build)))
            {
                yield return inventory;
            }
        }
    }
}
