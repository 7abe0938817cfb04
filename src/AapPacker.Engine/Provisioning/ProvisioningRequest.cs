using System;
using System.Collections.Generic;
using AapPacker.Engine.Packer;

namespace AapPacker.Engine.Provisioning;

/// <summary>Everything <c>Invoke-AapPackerProvision</c> was given. Null = not given.</summary>
public sealed class ProvisioningRequest
{
    /// <summary>Job template name or id (exactly one of this and <see cref="WorkflowJobTemplate"/>).</summary>
    public NameOrId? JobTemplate { get; set; }

    /// <summary>Workflow job template name or id.</summary>
    public NameOrId? WorkflowJobTemplate { get; set; }

    /// <summary>Organization name or id (owner of the temporary inventory and credential; picks the template when two organizations have one of that name).</summary>
    public string? Organization { get; set; }

    /// <summary>Extra variables: hashtable, JSON or YAML text.</summary>
    public object? ExtraVars { get; set; }

    /// <summary>Other launch fields (Limit, Tags, …). Inventory and Credentials in it are ignored: see below.</summary>
    public LaunchRequest Launch { get; set; } = new LaunchRequest();

    /// <summary>More credentials to pass at launch (names or ids), e.g. a Vault credential.</summary>
    public IList<string> Credentials { get; set; } = new List<string>();

    /// <summary>Target address (else <c>AAPPACKER_HOST</c>).</summary>
    public string? TargetHost { get; set; }

    /// <summary>Target port (else <c>AAPPACKER_PORT</c>, else the connection type's default).</summary>
    public int? TargetPort { get; set; }

    /// <summary>Target user (else <c>AAPPACKER_USER</c>).</summary>
    public string? TargetUser { get; set; }

    /// <summary><c>ssh</c> or <c>winrm</c> (else <c>AAPPACKER_CONNTYPE</c>, else ssh).</summary>
    public string? ConnectionType { get; set; }

    /// <summary>Private key file.</summary>
    public string? SshPrivateKeyPath { get; set; }

    /// <summary>Private key text (else <c>AAPPACKER_SSHKEY_B64</c>).</summary>
    public SecretText? SshPrivateKey { get; set; }

    /// <summary>The key's passphrase.</summary>
    public SecretText? SshKeyPassphrase { get; set; }

    /// <summary>Login password (else <c>AAPPACKER_PASSWORD_B64</c>).</summary>
    public SecretText? TargetPassword { get; set; }

    /// <summary>Become method.</summary>
    public string? BecomeMethod { get; set; }

    /// <summary>Become user.</summary>
    public string? BecomeUser { get; set; }

    /// <summary>Become password.</summary>
    public SecretText? BecomePassword { get; set; }

    /// <summary>WinRM transport.</summary>
    public string? WinRmTransport { get; set; }

    /// <summary>WinRM scheme.</summary>
    public string? WinRmScheme { get; set; }

    /// <summary>WinRM certificate validation.</summary>
    public string? WinRmServerCertValidation { get; set; }

    /// <summary>Host name in the inventory (default: the address).</summary>
    public string? HostName { get; set; }

    /// <summary>More host variables (never secrets).</summary>
    public IDictionary<string, object?>? HostVariables { get; set; }

    /// <summary>Inventory variables for the temporary inventory.</summary>
    public IDictionary<string, object?>? InventoryVariables { get; set; }

    /// <summary>What Packer handed over through the environment (fills what is not given above).</summary>
    public PackerTarget? Packer { get; set; }

    /// <summary>An explicit build id.</summary>
    public string? BuildId { get; set; }

    /// <summary>Use this existing inventory (name or id) instead of creating one; the host is added to it and removed afterwards.</summary>
    public string? InventoryId { get; set; }

    /// <summary>Create no credential (the template's own Machine credential is used). Required for workflows.</summary>
    public bool NoCredential { get; set; }

    /// <summary>Keep the temporary inventory.</summary>
    public bool KeepInventory { get; set; }

    /// <summary>Keep the temporary credential.</summary>
    public bool KeepCredential { get; set; }

    /// <summary>How long to wait for the job (null = no limit). On timeout the job is canceled.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Do not stream the job output.</summary>
    public bool NoOutput { get; set; }

    /// <summary>Ledger directory; null = <see cref="BuildLedger.DefaultDirectory"/>; empty = in memory only.</summary>
    public string? LedgerDirectory { get; set; }

    /// <summary>Polling settings (tests shorten them).</summary>
    public JobFollowOptions Follow { get; set; } = new JobFollowOptions();

    /// <summary>Cleanup bounds (tests shorten them).</summary>
    public BuildCleanupOptions Cleanup { get; set; } = new BuildCleanupOptions();

    /// <summary>How long to wait for <c>canceled</c> after an interrupt.</summary>
    public TimeSpan CancelWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Told about each object as it is created (the cleanup guardian), or null.</summary>
    public IBuildWatcher? Watcher { get; set; }

    /// <summary>
    /// Wait here until AAP lets go of every object (its 403 event-storing window and the inventory's background
    /// delete, often seconds) instead of handing that wait to <see cref="Watcher"/>.
    /// </summary>
    public bool WaitForCleanup { get; set; }
}
