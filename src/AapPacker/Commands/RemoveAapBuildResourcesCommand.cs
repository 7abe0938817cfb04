using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Removes the temporary inventories, hosts and credentials AapPacker created for a build.
/// Selects AapPacker's objects by build id, age or the objects themselves (LeftoverSweep),
/// then removes them in a dependency-safe order (BuildCleanup), one ShouldProcess per object.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AapBuildResources", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapCleanupResult))]
#pragma warning disable CA1711 // "Resources" is the domain noun of the cmdlet name.
public sealed class RemoveAapBuildResourcesCommand : AapConnectedCmdlet
#pragma warning restore CA1711
{
    private readonly List<object> _inputs = new List<object>();

    /// <summary>The build whose objects to remove (a Packer run UUID matches every build of the run).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BuildId { get; set; }

    /// <summary>Objects to remove (inventories, hosts, credentials, jobs to wait for).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
#pragma warning disable CA1819 // PowerShell binds arrays.
    public object[]? InputObject { get; set; }
#pragma warning restore CA1819

    /// <summary>Only objects older than this.</summary>
    [Parameter]
    [SecondsOrTimeSpan]
    [ValidateDuration(MinimumSeconds = 1, MaximumSeconds = 3650 * 86400.0, Hint = "A build's objects are never younger than the build: -OlderThan 0 would sweep builds running now.")]
    public TimeSpan OlderThan { get; set; }

    /// <summary>Only objects of this organization (name or id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Organization { get; set; }

    internal override object? ErrorTarget => BuildId;

    /// <inheritdoc />
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (InputObject != null)
        {
            _inputs.AddRange(InputObject.Where(o => o != null));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var olderThanGiven = MyInvocation.BoundParameters.ContainsKey(nameof(OlderThan));
        var inputGiven = MyInvocation.BoundParameters.ContainsKey(nameof(InputObject));
        if (BuildId is null && !olderThanGiven && !inputGiven)
        {
            throw new CmdletTerminatingException(AapErrorMapper.Create(
                new ArgumentException("Remove-AapBuildResources needs -BuildId, -OlderThan or objects to remove, so it never sweeps the objects of builds that are running now."),
                "SweepNeedsFilter", ErrorCategory.InvalidArgument, null,
                "Pass -BuildId <id>, -OlderThan (New-TimeSpan -Hours 6), or pipe the objects."));
        }

        var api = new AapClientApi(ResolveClient());
        var builds = new List<AapBuildResources>();
        var ledgers = LedgersOf(BuildId, olderThanGiven ? OlderThan : (TimeSpan?)null);
        try
        {
            int? organizationId = null;
            if (Organization != null)
            {
                organizationId = (await new NamedObjectResolver(api).OrganizationAsync(Organization, cancellationToken).ConfigureAwait(false)).Id;
            }

            if (BuildId != null || olderThanGiven)
            {
                var found = await new LeftoverSweep(api).FindAsync(BuildId, olderThanGiven ? OlderThan : (TimeSpan?)null, organizationId, cancellationToken).ConfigureAwait(false);
                builds.AddRange(found);
            }

            // A killed build's ledger file (by -BuildId, or every one older than -OlderThan) knows what the name sweep
            // cannot find (a host added to an existing inventory) and what is already gone; its objects go through the
            // same marker check as piped ones.
            var recovery = new LedgerRecovery(api);
            foreach (var ledger in ledgers)
            {
                // A create announced but never answered is looked up by its name; an entry whose id AAP now gives to
                // another object is dropped, so the ledger can never make this cmdlet remove what is not the build's.
                foreach (var note in await recovery.RecoverAsync(ledger, cancellationToken).ConfigureAwait(false))
                {
                    QueueVerbose(note);
                }

                var recorded = ledger.ToResources();
                if (recorded.Inventory != null || recorded.Credential != null || recorded.Hosts.Count > 0)
                {
                    _inputs.Add(recorded);
                }
            }

            if (_inputs.Count > 0)
            {
                var selection = new BuildResourceSelection(api);
                foreach (var input in _inputs)
                {
                    var refused = await selection.AddAsync(input, cancellationToken).ConfigureAwait(false);
                    if (refused != null)
                    {
                        QueueError(AapErrorMapper.Create(new InvalidOperationException("Not removed: " + refused), "NotAapPackerObject",
                            ErrorCategory.PermissionDenied, input, "Remove-AapBuildResources removes only what AapPacker created."));
                    }
                }

                foreach (var build in selection.Builds())
                {
                    Merge(builds, build);
                }
            }
        }
        catch (AapProvisioningException e)
        {
            throw new CmdletTerminatingException(ErrorRecordFactory.Create(e, Organization ?? BuildId));
        }

        if (builds.Count == 0)
        {
            QueueVerbose("No AapPacker objects match" + (BuildId is null ? "" : " build '" + BuildId + "'") + "; nothing to remove.");
            return;
        }

        // Piped objects are removed alone, but what is gone is also marked in their build's ledger files, so no file
        // is left naming them (the files are only marked, never read for more objects to remove).
        foreach (var buildId in builds.Select(b => b.BuildId).Where(b => !string.IsNullOrEmpty(b)).Distinct(StringComparer.Ordinal).ToList())
        {
            ledgers.AddRange(LedgersOf(buildId, null).Where(l => ledgers.All(known => known.FilePath != l.FilePath)));
        }

        foreach (var build in builds)
        {
            var confirmed = await ConfirmAsync(build).ConfigureAwait(false);
            if (confirmed is null)
            {
                continue;
            }

            var cleanup = new BuildCleanup(api, new BuildCleanupOptions(), null, QueueWarning)
            {
                OnItem = (item, what) => QueueVerbose($"{item.ObjectType} {item.Id} '{item.Name}': {what}"),
            };
            var result = await cleanup.RunAsync(confirmed, null, cancellationToken).ConfigureAwait(false);
            MarkInLedgers(ledgers, result);
            cancellationToken.ThrowIfCancellationRequested();
            QueueObject(result);
        }
    }

    /// <summary>One ShouldProcess per object; what is declined stays (under -WhatIf everything is only listed).</summary>
    private async Task<AapBuildResources?> ConfirmAsync(AapBuildResources build)
    {
        var confirmed = new AapBuildResources { BuildId = build.BuildId, Job = build.Job };
        var any = false;
        if (build.Credential != null && await ShouldProcessAsync($"credential {build.Credential.Id} '{build.Credential.Name}' (build {build.BuildId})", "Remove").ConfigureAwait(false))
        {
            confirmed.Credential = build.Credential;
            any = true;
        }

        foreach (var host in build.Hosts.Where(h => build.Inventory is null || h.InventoryId != build.Inventory.Id))
        {
            if (await ShouldProcessAsync($"host {host.Id} '{host.Name}' in inventory {host.InventoryId.ToString(CultureInfo.InvariantCulture)} (build {build.BuildId})", "Remove").ConfigureAwait(false))
            {
                confirmed.Hosts.Add(host);
                any = true;
            }
        }

        if (build.Inventory != null && await ShouldProcessAsync($"inventory {build.Inventory.Id} '{build.Inventory.Name}' and its hosts (build {build.BuildId})", "Remove").ConfigureAwait(false))
        {
            confirmed.Inventory = build.Inventory;
            any = true;
        }

        return any ? confirmed : null;
    }

    /// <summary>The ledger files of killed builds this sweep may finish (by build id and/or age).</summary>
    private static List<BuildLedger> LedgersOf(string? buildId, TimeSpan? olderThan)
    {
        try
        {
            return BuildLedger.Find(BuildLedger.DefaultDirectory(), buildId, olderThan, DateTimeOffset.UtcNow).ToList();
        }
        catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
        {
            return new List<BuildLedger>();
        }
    }

    /// <summary>Marks what is gone in the ledger files (a file is deleted once nothing in it is outstanding).</summary>
    private static void MarkInLedgers(List<BuildLedger> ledgers, AapCleanupResult result)
    {
        foreach (var item in result.Removed.Concat(result.AlreadyGone))
        {
            foreach (var ledger in ledgers)
            {
                ledger.MarkRemoved(item.ObjectType, item.Id);
                if (item.ObjectType == "inventory")
                {
                    foreach (var host in ledger.Outstanding.Where(e => e.ObjectType == "host" && e.ParentId == item.Id).ToList())
                    {
                        ledger.MarkRemoved("host", host.Id);
                    }
                }
            }
        }
    }

    /// <summary>Adds a build, or completes the one found already that shares its inventory or credential.</summary>
    private static void Merge(List<AapBuildResources> builds, AapBuildResources build)
    {
        var known = builds.FirstOrDefault(f => Same(f, build));
        if (known is null)
        {
            builds.Add(build);
            return;
        }

        known.Inventory ??= build.Inventory;
        known.Credential ??= build.Credential;
        known.Job ??= build.Job;
        foreach (var host in build.Hosts.Where(h => known.Hosts.All(k => k.Id != h.Id)))
        {
            known.Hosts.Add(host);
        }
    }

    private static bool Same(AapBuildResources a, AapBuildResources b)
        => (a.Inventory != null && b.Inventory != null && a.Inventory.Id == b.Inventory.Id)
           || (a.Credential != null && b.Credential != null && a.Credential.Id == b.Credential.Id);
}
