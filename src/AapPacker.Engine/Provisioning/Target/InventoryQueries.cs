using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>Lists inventories for <c>Get-AapInventory</c>.</summary>
public sealed class InventoryQueries
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
        var query = new List<string> { "order_by=name" };
        if (id.HasValue)
        {
            query.Add("id=" + id.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(name))
        {
            query.Add("name=" + Uri.EscapeDataString(name));
        }

        if (!string.IsNullOrWhiteSpace(organization))
        {
            var org = (await new NamedObjectResolver(_api).OrganizationAsync(organization!, cancellationToken).ConfigureAwait(false)).Id;
            query.Add("organization=" + org.ToString(CultureInfo.InvariantCulture));
        }

        var build = string.IsNullOrWhiteSpace(buildId) ? null : BuildIdentity.Sanitize(buildId!);
        if (build != null)
        {
            // Narrowed by name on the server; the description's marker decides.
            query.Add("name__startswith=" + Uri.EscapeDataString(BuildNaming.NamePrefix + build));
        }

        var mapper = new TemporaryResources(_api);
        await foreach (var item in _api.ListAsync("inventories/?" + string.Join("&", query), cancellationToken).ConfigureAwait(false))
        {
            var inventory = mapper.ToInventory(item);
            inventory.Organization = item.Path("summary_fields", "organization")?.String("name");
            inventory.TotalHosts = item.Int("total_hosts");
            if (build is null || (inventory.BuildId != null && BuildNaming.BuildIdMatches(inventory.BuildId, build)))
            {
                yield return inventory;
            }
        }
    }
}
