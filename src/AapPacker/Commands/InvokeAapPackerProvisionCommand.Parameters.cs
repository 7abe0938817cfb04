using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using AapPacker.Commands.Provision;
using AapPacker.Commands.Shared;
using AapPacker.Infrastructure;

namespace AapPacker.Commands;

/// <summary>
/// Invoke-AapPackerProvision's parameters (docs/en-US/Invoke-AapPackerProvision.md describes each);
/// <see cref="ProvisionRequestBuilder"/> maps them to the request.
/// </summary>
public sealed partial class InvokeAapPackerProvisionCommand
{
    private const string JobTemplateSet = "JobTemplate";
    private const string WorkflowSet = "WorkflowJobTemplate";

    /// <summary>Job template name or id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JobTemplateSet)]
    [Alias("job_template_id")]
    [ArgumentCompleter(typeof(ProvisionJobTemplateCompleter))]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    public object? JobTemplate { get; set; }

    /// <summary>Workflow job template name or id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WorkflowSet)]
    [Alias("workflow_template_id")]
    [ArgumentCompleter(typeof(ProvisionWorkflowJobTemplateCompleter))]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    public object? WorkflowJobTemplate { get; set; }

    /// <summary>Owner of the temporary objects; picks the template when two organizations have one of that name.</summary>
    [Parameter]
    [Alias("organization_id")]
    [ArgumentCompleter(typeof(ProvisionOrganizationCompleter))]
    public string? Organization { get; set; }

    /// <summary>Extra variables: a hashtable or object (ConvertFrom-Json/ConvertFrom-Yaml), JSON or YAML text, or @file.</summary>
    [Parameter]
    [Alias("extra_vars")]
    public object? ExtraVars { get; set; }

    /// <summary>How long to wait for the job (TimeSpan or seconds).</summary>
    [Parameter]
    [SecondsOrTimeSpan]
    [ValidateDuration(MinimumSeconds = 1, MaximumSeconds = 7 * 86400, Hint = "Omit -Timeout to wait for the job without a limit.")]
    public TimeSpan Timeout { get; set; }

    /// <summary>Slowest polling interval (TimeSpan or seconds).</summary>
    [Parameter]
    [Alias("poll_interval")]
    [SecondsOrTimeSpan]
    [ValidateDuration(MinimumSeconds = 0.25, MaximumSeconds = 600)]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Do not stream the job output.</summary>
    [Parameter]
    public SwitchParameter NoOutput { get; set; }

    /// <summary>Target address.</summary>
    [Parameter]
    public string? TargetHost { get; set; }

    /// <summary>Target port.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int TargetPort { get; set; }

    /// <summary>Target user.</summary>
    [Parameter]
    public string? TargetUser { get; set; }

    /// <summary>ssh or winrm.</summary>
    [Parameter]
    [ValidateSet("ssh", "winrm")]
    public string? ConnectionType { get; set; }

    /// <summary>Private key file.</summary>
    [Parameter]
    public string? SshPrivateKeyPath { get; set; }

    /// <summary>Private key text.</summary>
    [Parameter]
    public SecureString? SshPrivateKey { get; set; }

    /// <summary>Login password.</summary>
    [Parameter]
    public SecureString? TargetPassword { get; set; }

    /// <summary>Key passphrase.</summary>
    [Parameter]
    public SecureString? SshKeyPassphrase { get; set; }

    /// <summary>Become method.</summary>
    [Parameter]
    public string? BecomeMethod { get; set; }

    /// <summary>Become user.</summary>
    [Parameter]
    public string? BecomeUser { get; set; }

    /// <summary>Become password.</summary>
    [Parameter]
    public SecureString? BecomePassword { get; set; }

    /// <summary>WinRM transport.</summary>
    [Parameter]
    public string? WinRMTransport { get; set; }

    /// <summary>WinRM scheme.</summary>
    [Parameter]
    public string? WinRMScheme { get; set; }

    /// <summary>WinRM certificate validation.</summary>
    [Parameter]
    public string? WinRMServerCertValidation { get; set; }

    /// <summary>Host name in the inventory.</summary>
    [Parameter]
    public string? HostName { get; set; }

    /// <summary>More host variables.</summary>
    [Parameter]
    public Hashtable? HostVariables { get; set; }

    /// <summary>Inventory variables.</summary>
    [Parameter]
    public Hashtable? InventoryVariables { get; set; }

    /// <summary>The build id.</summary>
    [Parameter]
    public string? BuildId { get; set; }

    /// <summary>Use this existing inventory.</summary>
    [Parameter]
    [Alias("inventory_id")]
    [ArgumentCompleter(typeof(ProvisionInventoryCompleter))]
    public string? InventoryId { get; set; }

    /// <summary>Create no credential.</summary>
    [Parameter]
    public SwitchParameter NoCredential { get; set; }

    /// <summary>Keep the inventory.</summary>
    [Parameter]
    [Alias("keep_temp_inventory")]
    public SwitchParameter KeepInventory { get; set; }

    /// <summary>Keep the credential.</summary>
    [Parameter]
    [Alias("keep_temp_credential")]
    public SwitchParameter KeepCredential { get; set; }

    /// <summary>Wait until AAP confirms every removal instead of handing that wait to the cleanup guardian.</summary>
    [Parameter]
    public SwitchParameter WaitForCleanup { get; set; }

    /// <summary>More AAP credentials.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    [Alias("Credentials")]
#pragma warning disable CA1819 // PowerShell binds arrays.
    public object[]? AapCredential { get; set; }

    /// <summary>Limit.</summary>
    [Parameter]
    public string? Limit { get; set; }

    /// <summary>Job tags.</summary>
    [Parameter]
    public string[]? Tag { get; set; }

    /// <summary>Skip tags.</summary>
    [Parameter]
    public string[]? SkipTag { get; set; }

    /// <summary>Verbosity.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    [ValidateRange(0, 5)]
    public int Verbosity { get; set; }

    /// <summary>Diff mode.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    public SwitchParameter DiffMode { get; set; }

    /// <summary>run or check.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    [ValidateSet("run", "check")]
    public string? JobType { get; set; }

    /// <summary>Execution environment.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    public string? ExecutionEnvironment { get; set; }

    /// <summary>Labels.</summary>
    [Parameter]
    public string[]? Label { get; set; }

    /// <summary>Forks.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    [ValidateRange(0, int.MaxValue)]
    public int Forks { get; set; }

    /// <summary>Instance groups.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    public string[]? InstanceGroup { get; set; }
#pragma warning restore CA1819

    /// <summary>SCM branch.</summary>
    [Parameter]
    public string? ScmBranch { get; set; }

    /// <summary>Job slices.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    [ValidateRange(1, int.MaxValue)]
    public int JobSliceCount { get; set; }

    /// <summary>AAP's own job timeout in seconds.</summary>
    [Parameter(ParameterSetName = JobTemplateSet)]
    [ValidateRange(0, int.MaxValue)]
    public int JobTimeout { get; set; }

    /// <summary>The AAP server when not connected.</summary>
    [Parameter]
    [Alias("tower_host")]
    public string? Uri { get; set; }

    /// <summary>The AAP token when not connected.</summary>
    [Parameter]
    [Alias("access_token")]
    public SecureString? Token { get; set; }

    /// <summary>AAP user for Basic authentication.</summary>
    [Parameter]
    [Alias("username")]
    public string? AapUserName { get; set; }

    /// <summary>AAP password for Basic authentication.</summary>
    [Parameter]
    [Alias("password")]
    public SecureString? AapPassword { get; set; }

    /// <summary>Skip TLS validation (tests only).</summary>
    [Parameter]
    [Alias("insecure_skip_verify")]
    public SwitchParameter SkipCertificateCheck { get; set; }
}
