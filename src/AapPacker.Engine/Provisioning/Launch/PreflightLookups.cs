using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The preflight's lookups that depend on nothing but the request, started together so they overlap the
/// organization → template → launch chain: the Machine credential type, an existing inventory, extra credentials.
/// </summary>
internal sealed class PreflightLookups
{
    public PreflightLookups(Task<int>? machineType, Task<ResolvedObject>? inventory, Task<List<LaunchCredential>> extraCredentials)
    {
        MachineType = machineType;
        Inventory = inventory;
        ExtraCredentials = extraCredentials ?? throw new ArgumentNullException(nameof(extraCredentials));
    }

    /// <summary>The Machine type's id; null when the build brings no credential.</summary>
    public Task<int>? MachineType { get; }

    /// <summary>The existing inventory; null when the build creates its own.</summary>
    public Task<ResolvedObject>? Inventory { get; }

    public Task<List<LaunchCredential>> ExtraCredentials { get; }

    /// <summary>
    /// Waits for every lookup to end, ignoring how: after a success they have all been awaited; after a failure the
    /// preflight's own error is the one reported, and none of these is left running or unobserved.
    /// </summary>
    public async Task SettleAsync()
    {
        foreach (var task in new Task?[] { MachineType, Inventory, ExtraCredentials })
        {
            if (task != null)
            {
                await task.SettleAsync().ConfigureAwait(false);
            }
        }
    }
}
