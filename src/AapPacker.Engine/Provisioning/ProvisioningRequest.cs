using System;
using AapPacker.Engine.Packer;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Everything <c>Invoke-AapPackerProvision</c> was given, one setting per concept, in parts: what to launch and for
/// which build (here), the <see cref="Target"/>, the <see cref="Credential"/>, the <see cref="Launch"/> fields, how to
/// <see cref="Follow"/> the job and how to <see cref="Cleanup"/>. Null = not given.
/// </summary>
internal sealed class ProvisioningRequest
{
    /// <summary>Job template name or id (exactly one of this and <see cref="WorkflowJobTemplate"/>).</summary>
    public NameOrId? JobTemplate { get; set; }

    /// <summary>Workflow job template name or id.</summary>
    public NameOrId? WorkflowJobTemplate { get; set; }

    /// <summary>Organization name or id (owner of the temporary inventory and credential; picks the template when two organizations have one of that name).</summary>
    public string? Organization { get; set; }

    /// <summary>An explicit build id.</summary>
    public string? BuildId { get; set; }

    /// <summary>What Packer handed over through the environment (fills what the parts do not give).</summary>
    public PackerTarget? Packer { get; set; }

    /// <summary>Ledger directory; null = <see cref="BuildLedger.DefaultDirectory"/>; empty = in memory only.</summary>
    public string? LedgerDirectory { get; set; }

    /// <summary>The build machine and the inventory it goes into.</summary>
    public ProvisioningTarget Target { get; set; } = new ProvisioningTarget();

    /// <summary>The temporary Machine credential's secrets, or none, and more AAP credentials for the launch.</summary>
    public ProvisioningCredential Credential { get; set; } = new ProvisioningCredential();

    /// <summary>The launch fields (names, as given; the engine resolves them).</summary>
    public ProvisioningLaunch Launch { get; set; } = new ProvisioningLaunch();

    /// <summary>How the job is followed: the build's timeout (the job is canceled then), output, polling, the cancel wait.</summary>
    public JobFollowOptions Follow { get; set; } = new JobFollowOptions { CancelWait = TimeSpan.FromSeconds(30) };

    /// <summary>What is kept, whether to wait for the removals here, and the cleanup's bounds.</summary>
    public BuildCleanupOptions Cleanup { get; set; } = new BuildCleanupOptions();
}
