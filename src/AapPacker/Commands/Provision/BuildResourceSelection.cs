using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Commands.Provision;

/// <summary>
/// Groups the objects piped to Remove-AapBuildResources per build, after checking in AAP that each one carries
/// AapPacker's marker (name prefix and description for inventories and credentials, the host's description for
/// hosts): an object in hand is never trusted to be ours just because it has a BuildId property.
/// </summary>
internal sealed class BuildResourceSelection
{
    private const string HostMarker = "Added by AapPacker for build ";
    private readonly IAapApi _api;
    private readonly Dictionary<string, AapBuildResources> _builds = new Dictionary<string, AapBuildResources>(StringComparer.Ordinal);
    private readonly List<AapJob> _jobs = new List<AapJob>();

    public BuildResourceSelection(IAapApi api) => _api = api;

    /// <summary>Adds one object; returns the reason it was refused, or null.</summary>
    public async Task<string?> AddAsync(object? value, CancellationToken cancellationToken)
    {
        switch (value is PSObject wrapped ? wrapped.BaseObject : value)
        {
            case AapBuildResources resources:
                if (resources.Job != null)
                {
                    _jobs.Add(resources.Job);
                }

                var first = resources.Credential is null ? null : await AddAsync(resources.Credential, cancellationToken).ConfigureAwait(false);
                var second = resources.Inventory is null ? null : await AddAsync(resources.Inventory, cancellationToken).ConfigureAwait(false);
                foreach (var host in resources.Hosts.Where(h => resources.Inventory is null || h.InventoryId != resources.Inventory.Id))
                {
                    second ??= await AddAsync(host, cancellationToken).ConfigureAwait(false);
                }

                return first ?? second;
            case AapInventory inventory:
                {
                    var detail = await _api.Inventories().GetOrNullAsync(inventory.Id, cancellationToken).ConfigureAwait(false);
                    var (ok, buildId, reason) = CheckMarked("inventories", detail is null ? null : (detail.Name, detail.Description), inventory.Id);
                    if (!ok)
                    {
                        return reason;
                    }

                    var build = For(buildId ?? inventory.BuildId ?? "");
                    if (build.Inventory != null && build.Inventory.Id != inventory.Id)
                    {
                        build = For(build.BuildId + "#" + Id(inventory.Id), build.BuildId);
                    }

                    build.Inventory = inventory;
                    return null;
                }

            case AapMachineCredential credential:
                {
                    var detail = await _api.Credentials().GetOrNullAsync(credential.Id, cancellationToken).ConfigureAwait(false);
                    var (ok, buildId, reason) = CheckMarked("credentials", detail is null ? null : (detail.Name, detail.Description), credential.Id);
                    if (!ok)
                    {
                        return reason;
                    }

                    var build = For(buildId ?? credential.BuildId ?? "");
                    if (build.Credential != null && build.Credential.Id != credential.Id)
                    {
                        build = For(build.BuildId + "#c" + Id(credential.Id), build.BuildId);
                    }

                    build.Credential = credential;
                    return null;
                }

            case AapHost host:
                {
                    string? buildId = host.BuildId;
                    // Already gone (null): cleanup reports it so.
                    if (await _api.Hosts().GetOrNullAsync(host.Id, cancellationToken).ConfigureAwait(false) is { } detail)
                    {
                        var description = detail.Description;
                        if (description is null || !description.StartsWith(HostMarker, StringComparison.Ordinal))
                        {
                            return $"host {host.Id} '{host.Name}' was not added by AapPacker (its description has no AapPacker marker); it is left alone.";
                        }

                        buildId = description.Substring(HostMarker.Length).Trim();
                    }

                    For(buildId ?? "").Hosts.Add(host);
                    return null;
                }

            case AapJob job:
                _jobs.Add(job);
                return null;
            default:
                return $"a {value?.GetType().Name ?? "null"} is not something AapPacker created; pipe inventories, hosts, credentials or jobs from the AapPacker cmdlets.";
        }
    }

    /// <summary>The builds selected, each with the piped jobs of that build (or every piped job when the build is unknown).</summary>
    public IReadOnlyList<AapBuildResources> Builds()
    {
        var builds = _builds.Values.ToList();
        foreach (var build in builds)
        {
            build.Job ??= _jobs.FirstOrDefault(j => j.BuildId != null && j.BuildId == build.BuildId)
                ?? _jobs.FirstOrDefault(j => build.Inventory != null && j.InventoryId == build.Inventory.Id)
                ?? (_jobs.Count == 1 ? _jobs[0] : null);
        }

        return builds;
    }

    private AapBuildResources For(string key, string? buildId = null)
    {
        if (!_builds.TryGetValue(key, out var build))
        {
            build = new AapBuildResources { BuildId = buildId ?? key };
            _builds[key] = build;
        }

        return build;
    }

    /// <summary>
    /// Checks an inventory's or credential's marker as AAP has it now (<paramref name="detail"/>; null when it is
    /// already gone, which the cleanup counts as such).
    /// </summary>
    private static (bool Ok, string? BuildId, string? Reason) CheckMarked(string collection, (string Name, string? Description)? detail, int id)
    {
        if (detail is not { } found)
        {
            return (true, null, null);
        }

        if (!BuildNaming.IsAapPackerObject(found.Name, found.Description) || !BuildNaming.TryParseDescription(found.Description, out var buildId, out _))
        {
            return (false, null, $"{collection} {id} '{found.Name}' was not created by AapPacker (no '{BuildNaming.NamePrefix}' name with AapPacker's description marker); it is left alone.");
        }

        return (true, buildId, null);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
