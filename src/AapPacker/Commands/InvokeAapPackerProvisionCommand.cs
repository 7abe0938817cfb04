using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Api;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Provisioning.Guardian;
using AapPacker.Guardian;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Runs the whole AAP provisioning lifecycle for one Packer build: temporary objects, launch, live output, cleanup, exit code.
/// Binds the parameters (and the AAPPACKER_*/PACKER_* environment) into a
/// ProvisioningRequest, runs the engine's ProvisioningSession, prints the lifecycle as plain text, writes the
/// job's result, and sets $global:LASTEXITCODE (0 success, 1 failed, 2 canceled, 3 timed out, 4 configuration,
/// 5 AAP/API). A run that does not succeed also writes a non-terminating error, so a script's next line
/// (<c>exit $LASTEXITCODE</c>) still runs and hands the code to Packer.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AapPackerProvision", DefaultParameterSetName = JobTemplateSet,
    SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJobResult))]
public sealed class InvokeAapPackerProvisionCommand : AapConnectedCmdlet
{
    private const string JobTemplateSet = "JobTemplate";
    private const string WorkflowSet = "WorkflowJobTemplate";
    private volatile bool _exitCodeSet;

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

    /// <inheritdoc />
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProvisionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!_exitCodeSet)
        {
            // A failure before the lifecycle set a code (a prompt under -NonInteractive, e.g. -Debug or -Confirm;
            // a write PowerShell refused): the script's "exit $LASTEXITCODE" must still fail the build.
            await TrySetExitCodeAsync(AapProvisionExitCode.ConfigurationError).ConfigureAwait(false);
            throw;
        }
    }

    private async Task TrySetExitCodeAsync(AapProvisionExitCode code)
    {
        try
        {
            await SetExitCodeAsync((int)code).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort while the pipeline is failing or stopping; the original failure is rethrown.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// -InformationAction SilentlyContinue (or Ignore) given to this command hides the lifecycle lines, as the
    /// preference says; otherwise they display like Write-Host, because Information is silent by default in a Packer log.
    /// </summary>
    private bool LifecycleToHost()
        => !(MyInvocation.BoundParameters.TryGetValue("InformationAction", out var action)
             && (action is PSObject wrapped ? wrapped.BaseObject : action) is ActionPreference preference
             && (preference == ActionPreference.SilentlyContinue || preference == ActionPreference.Ignore));

    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        // First, so the CI agent masks every form of the secrets before any line could carry one.
        var environment = ProcessEnvironment.Read();
        CiSecretRegistration.Register(environment, Token, AapPassword, TargetPassword, SshPrivateKey, SshKeyPassphrase, BecomePassword);
        var template = Convert.ToString(JobTemplate ?? WorkflowJobTemplate ?? "", CultureInfo.InvariantCulture) ?? "";
        var noun = JobTemplate != null ? "job template" : "workflow job template";
        var target = PackerValue.OrNull(TargetHost) ?? PackerValue.OrNull(Environment.GetEnvironmentVariable(PackerEnvironmentReader.HostVariable)) ?? "the build machine";
        if (!await ShouldProcessAsync($"{target} ({noun} '{template}')", "Create temporary AAP objects, launch the template and remove the objects afterwards").ConfigureAwait(false))
        {
            return;
        }

        var reporter = new CmdletJobReporter(this, CiLog.Detect(environment), toHost: LifecycleToHost(), progress: false);
        var exitCode = AapProvisionExitCode.ApiError;
        ErrorRecord? error = null;
        AapJobResult? result = null;
        AapClient? owned = null;
        GuardianChannel? guardian = null;
        try
        {
            var bound = await InvokeOnPipelineThreadAsync(ReadBound).ConfigureAwait(false);
            CiSecretRegistration.RegisterKeyFile(environment, bound.KeyPath);
            var (client, ownsClient) = await ConnectAsync(bound, cancellationToken).ConfigureAwait(false);
            owned = ownsClient ? client : null;
            var api = new AapClientApi(client);
            var request = await BuildRequestAsync(api, bound, cancellationToken).ConfigureAwait(false);
            request.Watcher = guardian = StartGuardianLazily(client, request);
            var outcome = await new ProvisioningSession(api, reporter).RunAsync(request, cancellationToken).ConfigureAwait(false);
            exitCode = outcome.ExitCode;
            result = outcome.Result;
            if (result != null)
            {
                result.Cleanup = outcome.Cleanup;
            }

            if (outcome.Error != null)
            {
                error = AapErrorMapper.Create(outcome.Error, outcome.ErrorId ?? "ProvisioningFailed", Category(outcome.ExitCode),
                    (object?)outcome.Result ?? outcome.BuildId, outcome.RecommendedAction ?? Action(outcome.Error));
            }
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is PipelineStoppedException))
        {
            // Before the session (connection, environment, launch-field names): nothing was created.
            exitCode = AapProvisioningException.ExitCodeFor(e, anythingCreated: false);
            error = e is AapProvisioningException provisioning
                ? AapErrorMapper.Create(e, provisioning.ErrorId, Category(exitCode), template, provisioning.RecommendedAction ?? Action(e))
                : AapErrorMapper.ToErrorRecord(e, Uri ?? template);
            reporter.Lifecycle($"Failed ({(int)exitCode} {exitCode}): {Redactor.Redact(e.Message)}");
        }
        finally
        {
            // Closed without "done" if the session did not finish: the guardian then undoes what it was told about.
            guardian?.Dispose();
            owned?.Dispose();
            reporter.Complete();
        }

        // The error id in the log line too: PowerShell's concise error view does not show it.
        reporter.Lifecycle(string.Format(CultureInfo.InvariantCulture, "Exit code {0} ({1}{2})", (int)exitCode, exitCode,
            error is null ? "" : ", error id " + error.FullyQualifiedErrorId.Split(',')[0]));
        await SetExitCodeAsync((int)exitCode).ConfigureAwait(false);
        if (result != null)
        {
            QueueObject(result);
        }

        if (error != null)
        {
            reporter.Annotate(error.ErrorDetails?.Message ?? error.Exception.Message);
            QueueError(error);
        }
    }

    /// <summary>
    /// $global:LASTEXITCODE, set on the pipeline thread (SessionState belongs to it), so the calling script's
    /// <c>exit $LASTEXITCODE</c> hands the code to Packer.
    /// </summary>
    private Task<bool> SetExitCodeAsync(int code)
        => InvokeOnPipelineThreadAsync(() =>
        {
            SessionState.PSVariable.Set("global:LASTEXITCODE", code);
            _exitCodeSet = true;
            return true;
        });

    /// <summary>
    /// The cleanup guardian, started only when the first object is about to be created (never at import), so a
    /// SIGKILL of this process still gets the job canceled and the objects removed (about_AapPacker).
    /// </summary>
    private GuardianChannel StartGuardianLazily(AapClient client, ProvisioningRequest request)
    {
        var connection = GuardianConnection.From(client.Options);
        var secrets = connection.Secrets().Concat(new[] { request.TargetPassword, request.SshPrivateKey, request.SshKeyPassphrase, request.BecomePassword }
            .Where(s => s != null && !s.IsEmpty).Select(s => s!.Reveal())).ToList();
        return new GuardianChannel(() => GuardianProcess.Start(secrets), connection)
        {
            OnFailure = why => QueueWarning($"Kill protection is off: {Redactor.Redact(why)}. If this process is killed, run Remove-AapBuildResources -BuildId '{request.BuildId ?? "<build id>"}'."),
        };
    }

    private BoundValues ReadBound()
    {
        var bound = MyInvocation.BoundParameters;
        return new BoundValues
        {
            Timeout = bound.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null,
            TargetPort = bound.ContainsKey(nameof(TargetPort)) ? TargetPort : (int?)null,
            Verbosity = bound.ContainsKey(nameof(Verbosity)) ? Verbosity : (int?)null,
            Forks = bound.ContainsKey(nameof(Forks)) ? Forks : (int?)null,
            JobSliceCount = bound.ContainsKey(nameof(JobSliceCount)) ? JobSliceCount : (int?)null,
            JobTimeout = bound.ContainsKey(nameof(JobTimeout)) ? JobTimeout : (int?)null,
            DiffMode = bound.ContainsKey(nameof(DiffMode)) ? DiffMode.IsPresent : (bool?)null,
            SkipCertificateCheck = bound.ContainsKey(nameof(SkipCertificateCheck)) ? SkipCertificateCheck.IsPresent : (bool?)null,
            ExtraVars = ExtraVarsInput.Read(this, ExtraVars),
            KeyPath = string.IsNullOrWhiteSpace(SshPrivateKeyPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SshPrivateKeyPath),
            ConnectionGiven = Uri != null || Token != null || AapUserName != null || AapPassword != null,
            SessionConnection = Connection ?? (CurrentRunspace is null ? null : ConnectionStore.For(CurrentRunspace).Current),
        };
    }

    private async Task<(AapClient Client, bool Owned)> ConnectAsync(BoundValues bound, CancellationToken cancellationToken)
    {
        if (Connection != null || (!bound.ConnectionGiven && bound.SessionConnection != null))
        {
            return (ResolveClient(), false);
        }

        // No session connection (the usual case in a Packer shell-local script): connect for this run only.
        var input = new AapSettingsInput
        {
            Uri = Uri,
            Token = Token,
            UserName = AapUserName,
            Password = AapPassword,
            SkipCertificateCheck = bound.SkipCertificateCheck,
        };
        var resolution = AapSettingsResolver.Resolve(input, ProcessEnvironment.Read());
        foreach (var source in resolution.Sources)
        {
            QueueVerbose("Setting " + source);
        }

        foreach (var warning in resolution.Warnings)
        {
            QueueWarning(Redactor.Redact(warning));
        }

        var options = resolution.Options;
        options.Log = AmbientAapLog.Instance;
        return (await AapClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false), true);
    }

    private async Task<ProvisioningRequest> BuildRequestAsync(IAapApi api, BoundValues bound, CancellationToken cancellationToken)
    {
        var resolver = new NamedObjectResolver(api);
        var launch = new LaunchRequest
        {
            Limit = Limit,
            JobTags = Tag is null ? null : string.Join(",", Tag),
            SkipTags = SkipTag is null ? null : string.Join(",", SkipTag),
            Verbosity = bound.Verbosity,
            DiffMode = bound.DiffMode,
            JobType = JobType,
            Forks = bound.Forks,
            ScmBranch = ScmBranch,
            JobSliceCount = bound.JobSliceCount,
            Timeout = bound.JobTimeout,
        };
        if (ExecutionEnvironment != null)
        {
            launch.ExecutionEnvironment = (await resolver.ExecutionEnvironmentAsync(ExecutionEnvironment, cancellationToken).ConfigureAwait(false)).Id;
        }

        if (Label != null)
        {
            launch.Labels = new List<int>();
            foreach (var label in Label)
            {
                launch.Labels.Add((await resolver.LabelAsync(label, cancellationToken).ConfigureAwait(false)).Id);
            }
        }

        if (InstanceGroup != null)
        {
            launch.InstanceGroups = new List<int>();
            foreach (var group in InstanceGroup)
            {
                launch.InstanceGroups.Add((await resolver.InstanceGroupAsync(group, cancellationToken).ConfigureAwait(false)).Id);
            }
        }

        var follow = new JobFollowOptions
        {
            MaxPollInterval = PollInterval > TimeSpan.Zero ? PollInterval : TimeSpan.FromSeconds(5),
        };
        if (follow.MinPollInterval > follow.MaxPollInterval)
        {
            follow.MinPollInterval = follow.MaxPollInterval;
        }

        return new ProvisioningRequest
        {
            JobTemplate = NameOrIdAttribute.ToReference(JobTemplate),
            WorkflowJobTemplate = NameOrIdAttribute.ToReference(WorkflowJobTemplate),
            Organization = Organization,
            ExtraVars = bound.ExtraVars,
            Launch = launch,
            Credentials = TemplateStart.CredentialKeys(AapCredential),
            TargetHost = TargetHost,
            TargetPort = bound.TargetPort,
            TargetUser = TargetUser,
            ConnectionType = ConnectionType,
            SshPrivateKeyPath = bound.KeyPath,
            SshPrivateKey = Secret(SshPrivateKey),
            SshKeyPassphrase = Secret(SshKeyPassphrase),
            TargetPassword = Secret(TargetPassword),
            BecomeMethod = BecomeMethod,
            BecomeUser = BecomeUser,
            BecomePassword = Secret(BecomePassword),
            WinRmTransport = WinRMTransport,
            WinRmScheme = WinRMScheme,
            WinRmServerCertValidation = WinRMServerCertValidation,
            HostName = HostName,
            HostVariables = PipelineValues.ToDictionary(HostVariables),
            InventoryVariables = PipelineValues.ToDictionary(InventoryVariables),
            Packer = PackerEnvironmentReader.ReadProcessEnvironment(),
            BuildId = BuildId,
            InventoryId = InventoryId,
            NoCredential = NoCredential,
            KeepInventory = KeepInventory,
            WaitForCleanup = WaitForCleanup,
            KeepCredential = KeepCredential,
            Timeout = bound.Timeout > TimeSpan.Zero ? bound.Timeout : null,
            NoOutput = NoOutput,
            Follow = follow,
        };
    }

    private static SecretText? Secret(SecureString? value) => value is null ? null : SecretText.FromSecureString(value);

    private static ErrorCategory Category(AapProvisionExitCode code)
        => code switch
        {
            AapProvisionExitCode.JobFailed => ErrorCategory.InvalidResult,
            AapProvisionExitCode.JobCanceled => ErrorCategory.OperationStopped,
            AapProvisionExitCode.TimedOut => ErrorCategory.OperationTimeout,
            AapProvisionExitCode.ConfigurationError => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.ConnectionError,
        };

    private static string Action(Exception e)
        => e is AapApiException api
            ? AapErrorMapper.ToErrorRecord(api, null).ErrorDetails?.RecommendedAction ?? "Check the message and retry."
            : "Correct the value named in the message and run again.";

    private sealed class BoundValues
    {
        public TimeSpan? Timeout { get; set; }

        public int? TargetPort { get; set; }

        public int? Verbosity { get; set; }

        public int? Forks { get; set; }

        public int? JobSliceCount { get; set; }

        public int? JobTimeout { get; set; }

        public bool? DiffMode { get; set; }

        public bool? SkipCertificateCheck { get; set; }

        public string? KeyPath { get; set; }

        public object? ExtraVars { get; set; }

        public bool ConnectionGiven { get; set; }

        public AapConnectionInfo? SessionConnection { get; set; }
    }
}
