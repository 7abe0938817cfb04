using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Finds what AapPacker left behind (a killed build, a failed cleanup): inventories and credentials whose name starts
/// with <see cref="BuildNaming.NamePrefix"/> AND whose description carries AapPacker's build marker — nothing else
/// is ever selected. Filters by build id (<c>-BuildId</c>) and/or age (<c>-OlderThan</c>, from the marker's time).
/// The result is grouped per build for <see cref="BuildCleanup"/>.
/// </summary>
internal sealed class LeftoverSweep
{
    private readonly IAapApi _api;
    private readonly TimeProvider _time;

    /// <summary>Creates a sweep.</summary>
    public LeftoverSweep(IAapApi api, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Finds leftovers. At least one of <paramref name="buildId"/> and <paramref name="olderThan"/> must be given, so
    /// a sweep never removes a build that is running right now by accident.
    /// </summary>
    public async Task<IReadOnlyList<AapBuildResources>> FindAsync(string? buildId, TimeSpan? olderThan, int? organizationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(buildId) && olderThan is null)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SweepNeedsFilter,
                $"A sweep needs {Fields.BuildId} or {Fields.OlderThan}, so it cannot remove the objects of builds that are running now.",
                $"Pass {Fields.BuildId} <id> or {Fields.OlderThan} (New-TimeSpan -Hours 6).");
        }

        var now = _time.GetUtcNow();
        var builds = new Dictionary<string, AapBuildResources>(StringComparer.Ordinal);
        var factory = new TemporaryResources(_api, _time);

        AapBuildResources For(string id)
        {
            if (!builds.TryGetValue(id, out var resources))
            {
                resources = new AapBuildResources { BuildId = id };
                builds[id] = resources;
            }

            return resources;
        }

        bool Wanted(string name, string? description, out string markerBuild)
        {
            markerBuild = "";
            if (!BuildNaming.IsAapPackerObject(name, description) || !BuildNaming.TryParseDescription(description, out markerBuild, out var createdAt))
            {
                return false;
            }

            if (!string.IsNullOrWhiteSpace(buildId) && !BuildNaming.BuildIdMatches(markerBuild, buildId!))
            {
                return false;
            }

            return olderThan is null || now - createdAt >= olderThan.Value;
        }

        var inventories = new InventoryListFilter { NameStartsWith = BuildNaming.NamePrefix, OrganizationId = organizationId, OrderById = true };
        await foreach (var item in _api.Inventories().ListAsync(inventories, cancellationToken).ConfigureAwait(false))
        {
            if (Wanted(item.Name, item.Description, out var markerBuild))
            {
                var build = For(markerBuild);
                if (build.Inventory is null)
                {
                    build.Inventory = factory.ToInventory(item);
                }
                else
                {
                    // Two inventories of one build id (parallel sources): a separate entry per inventory.
                    builds[markerBuild + "#" + item.Id.ToString(CultureInfo.InvariantCulture)] =
                        new AapBuildResources { BuildId = markerBuild, Inventory = factory.ToInventory(item) };
                }
            }
        }

        await foreach (var item in _api.Credentials().ListByNamePrefixAsync(BuildNaming.NamePrefix, organizationId, cancellationToken).ConfigureAwait(false))
        {
            if (Wanted(item.Name, item.Description, out var markerBuild))
            {
                var credential = new AapMachineCredential
                {
                    Id = item.Id,
                    Name = item.Name,
                    OrganizationId = item.OrganizationId ?? 0,
                    BuildId = markerBuild,
                    CredentialTypeId = item.CredentialTypeId ?? 0,
                    Kind = item.Kind ?? "ssh",
                    ApiPath = item.ApiPath,
                    UserName = item.UserName,
                };
                var target = builds.Values.FirstOrDefault(b => b.BuildId == markerBuild && b.Credential is null && SameSuffix(b.Inventory?.Name, credential.Name))
                             ?? builds.Values.FirstOrDefault(b => b.BuildId == markerBuild && b.Credential is null);
                if (target is null)
                {
                    target = new AapBuildResources { BuildId = markerBuild };
                    builds[markerBuild + "#c" + credential.Id.ToString(CultureInfo.InvariantCulture)] = target;
                }

                target.Credential = credential;
            }
        }

        return builds.Values.ToList();
    }

    private static bool SameSuffix(string? inventoryName, string credentialName)
        => inventoryName != null && credentialName.StartsWith(inventoryName + "-", StringComparison.Ordinal);
}
