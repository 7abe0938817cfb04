using System;
using System.Collections;
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
/// Runs the whole AAP provisioning lifecycle for one Packer build: binds the parameters (and the AAPPACKER_*/PACKER_*
/// environment) into one <see cref="ProvisioningRequest"/> (<see cref="ProvisionRequestBuilder"/>), runs the engine's
/// <see cref="ProvisioningSession"/>, prints the lifecycle as plain text, writes the job's result, and sets
/// $global:LASTEXITCODE (0 success, 1 failed, 2 canceled, 3 timed out, 4 configuration, 5 AAP/API). A run that does
/// not succeed also writes a non-terminating error (<see cref="ErrorRecordFactory"/>), so a script's next line
/// (<c>exit $LASTEXITCODE</c>) still runs and hands the code to Packer.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AapPackerProvision", DefaultParameterSetName = JobTemplateSet,
    SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJobResult))]
public sealed partial class InvokeAapPackerProvisionCommand : AapConnectedCmdlet
{
    private volatile bool _exitCodeSet;

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
            try
            {
                await SetExitCodeAsync((int)AapProvisionExitCode.ConfigurationError).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Best effort while the pipeline is failing or stopping; the original failure is rethrown.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }
    }

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
            var request = await InvokeOnPipelineThreadAsync(() => ProvisionRequestBuilder.Build(this)).ConfigureAwait(false);
            CiSecretRegistration.RegisterKeyFile(environment, request.Credential.SshPrivateKeyPath);
            var client = await ConnectAsync(environment, cancellationToken).ConfigureAwait(false);
            owned = ReferenceEquals(client, Connected) ? null : client;
            guardian = GuardianFor(client, request);
            var session = new ProvisioningSession(new AapClientApi(client), reporter, watcher: guardian);
            var outcome = await session.RunAsync(request, cancellationToken).ConfigureAwait(false);
            exitCode = outcome.ExitCode;
            result = outcome.Result;
            if (result != null)
            {
                result.Cleanup = outcome.Cleanup;
            }

            if (outcome.Error != null)
            {
                error = ErrorRecordFactory.ForProvision(outcome.Error, outcome.ExitCode, (object?)outcome.Result ?? outcome.BuildId);
            }
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is PipelineStoppedException))
        {
            // Before the session (connection, environment, parameters): nothing was created.
            exitCode = AapProvisioningException.ExitCodeFor(e, anythingCreated: false);
            error = e is AapProvisioningException provisioning
                ? ErrorRecordFactory.Create(provisioning, template, byExitCode: true)
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
    /// -InformationAction SilentlyContinue (or Ignore) given to this command hides the lifecycle lines, as the
    /// preference says; otherwise they display like Write-Host, because Information is silent by default in a Packer log.
    /// </summary>
    private bool LifecycleToHost()
        => !(MyInvocation.BoundParameters.TryGetValue("InformationAction", out var action)
             && (action is PSObject wrapped ? wrapped.BaseObject : action) is ActionPreference preference
             && (preference == ActionPreference.SilentlyContinue || preference == ActionPreference.Ignore));

    /// <summary>The session's connection, unless connection settings were given or there is none: then one for this run only.</summary>
    private async Task<AapClient> ConnectAsync(System.Collections.Generic.IDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var (input, given) = await InvokeOnPipelineThreadAsync(() => ProvisionRequestBuilder.Connection(this)).ConfigureAwait(false);
        var session = Connection ?? (CurrentRunspace is null ? null : ConnectionStore.For(CurrentRunspace).Current);
        if (Connection != null || (!given && session != null))
        {
            return Connected = ResolveClient();
        }

        // No session connection (the usual case in a Packer shell-local script): connect for this run only.
        return await AapConnectionFactory.ConnectForBuildAsync(input, environment, this, cancellationToken).ConfigureAwait(false);
    }

    private AapClient? Connected { get; set; }

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
    /// The cleanup guardian, started by the session beside its preflight (never at import) and told about the build
    /// before its first create, so a SIGKILL of this process still gets the job canceled and the objects removed (about_AapPacker).
    /// </summary>
    private GuardianChannel GuardianFor(AapClient client, ProvisioningRequest request)
    {
        var connection = GuardianConnection.From(client.Options);
        var given = request.Credential;
        var secrets = connection.Secrets().Concat(new[] { given.Password, given.SshPrivateKey, given.SshKeyPassphrase, given.BecomePassword }
            .Where(s => s != null && !s.IsEmpty).Select(s => s!.Reveal())).ToList();
        return new GuardianChannel(() => GuardianProcess.Start(secrets), connection)
        {
            OnFailure = why => QueueWarning($"Kill protection is off: {Redactor.Redact(why)}. If this process is killed, run Remove-AapBuildResources -BuildId '{request.BuildId ?? "<build id>"}'."),
        };
    }
}
