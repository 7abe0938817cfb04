using System;

namespace AapPacker.Engine.Provisioning;

/// <summary>Bounds for <see cref="BuildCleanup"/>.</summary>
internal sealed class BuildCleanupOptions
{
    /// <summary>The whole cleanup's limit (its own token: the build's may already be canceled).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for the job to become terminal before deleting anything.</summary>
    public TimeSpan JobWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// First pause after a 409/403; doubles up to <see cref="MaxRetryDelay"/>. Short, because the usual 403 (AAP still
    /// storing the job's events) lasts a few seconds after the job ends.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for an inventory's background deletion (202) to finish.</summary>
    public TimeSpan InventoryGoneWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Keep the inventory (and its hosts).</summary>
    public bool KeepInventory { get; set; }

    /// <summary>Keep the credential.</summary>
    public bool KeepCredential { get; set; }

    /// <summary>
    /// Wait here until AAP lets go of every object (its 403 event-storing window and the inventory's background
    /// delete, often seconds) instead of handing that wait to the cleanup guardian (the session's watcher).
    /// </summary>
    public bool WaitForCleanup { get; set; }
}
