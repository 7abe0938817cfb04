using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Packer;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The whole <c>Invoke-AapPackerProvision</c> lifecycle (aap-api.md §13): check everything that can be checked
/// before creating anything (template and its prompts, survey, organization, Machine type, target, key and
/// secrets), then inventory → host → credential → launch → follow, and in every case clean up with a fresh token.
/// Never throws for expected failures: the outcome carries the exit code, the error and the result.
/// </summary>
internal sealed class ProvisioningSession
{
    private readonly IAapApi _api;
    private readonly IProvisionReporter _reporter;
    private readonly TimeProvider _time;
    private readonly IBuildWatcher? _watcher;

    /// <summary>
    /// Creates a session on a connected client. <paramref name="watcher"/> is told about each object as it is created
    /// (the cleanup guardian), or null.
    /// </summary>
    public ProvisioningSession(IAapApi api, IProvisionReporter? reporter = null, TimeProvider? timeProvider = null, IBuildWatcher? watcher = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _reporter = reporter ?? NullProvisionReporter.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _watcher = watcher;
    }

    /// <summary>
    /// Runs the lifecycle. <paramref name="cancellationToken"/> is the build's (Ctrl-C): it cancels the job, then
    /// cleanup still runs. Throws only when the connection's credentials fail verification (<see cref="IAapApi.Verified"/>),
    /// before anything was created; every other failure is in the outcome.
    /// </summary>
    public async Task<ProvisioningOutcome> RunAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var outcome = new ProvisioningOutcome();
        var resources = outcome.Resources;
        BuildLedger? ledger = null;
        PreparedRun? run = null;
        AapJob? job = null;
        var created = false;
        var launchStarted = false;
        IBuildWatcher? watcher = null;
        Task? hostRecaps = null;
        CleanupAtJobEnd? cleanupAtEnd = null;
        var heldBack = new DeferredReporter();

        // The preflight's first lookups go out while me/ may still verify the credentials (AapClient.Verified); none
        // of their answers is used before that. A failed verification is thrown, as a failed connection is: nothing
        // was created, and the caller reports it as it reports any connection error.
        var preparing = PrepareAsync(request, cancellationToken);

        // The watcher (the cleanup guardian, a process) starts beside the preflight, on a thread of its own: its start is
        // then not on the build's path. A preflight that fails leaves it nothing to do; it exits when told nothing.
        var watcherReady = _watcher is null ? Task.CompletedTask : Task.Run(_watcher.Prepare, CancellationToken.None);
        await _api.Verified.SettlingOnFailureAsync(preparing).ConfigureAwait(false);

        try
        {
            var info = _api.Info;
            _reporter.Lifecycle($"Connected to {info.Uri.GetLeftPart(UriPartial.Authority)} ({info.Flavor} {info.Version}, API {info.ApiRoot}) as {info.User}");
            run = await preparing.ConfigureAwait(false);
            outcome.BuildId = resources.BuildId = run.Build.BuildId;
            ledger = CreateLedger(request, run.Build);
            watcher = _watcher;
            if (watcher != null)
            {
                await watcherReady.ConfigureAwait(false);
                watcher.Starting(run.Build.BuildId, ledger.FilePath);
                ledger.Recorded = watcher.Created;
                ledger.Creating = watcher.Creating;
            }

            var factory = new TemporaryResources(_api, _time);
            var prepared = run;
            var inventoryId = prepared.ExistingInventory?.Id ?? 0;

            // The credential does not depend on the inventory or its host, so it is created at the same time. Each
            // create is announced to the ledger before it is sent and each branch puts what AAP confirmed into the
            // resources at once: whatever happens to the other branch, the cleanup finds it.
            async Task InventoryAndHostAsync()
            {
                if (prepared.ExistingInventory is null)
                {
                    resources.Inventory = await factory.CreateInventoryAsync(prepared.Build, prepared.OrganizationId, request.Target.InventoryVariables, ledger, cancellationToken).ConfigureAwait(false);
                    created = true;
                    inventoryId = resources.Inventory.Id;
                    _reporter.Lifecycle($"Created inventory {inventoryId} '{resources.Inventory.Name}' ({resources.Inventory.Url})");
                }
                else
                {
                    _reporter.Lifecycle($"Using existing inventory {inventoryId} '{prepared.ExistingInventory.Name}'");
                }

                if (prepared.HostVariables != null)
                {
                    var host = await factory.AddHostAsync(inventoryId, prepared.HostVariables, request.Target.HostName, prepared.Build.BuildId, ledger, cancellationToken).ConfigureAwait(false);
                    created = true;
                    resources.Hosts.Add(host);
                    _reporter.Lifecycle($"Added host {host.Id} '{host.Name}' ({host.ConnectionType} {host.Address}:{host.Port})");
                }
            }

            async Task CredentialAsync()
            {
                if (prepared.CredentialInputs != null)
                {
                    resources.Credential = await factory.CreateMachineCredentialAsync(prepared.Build, prepared.OrganizationId, prepared.MachineTypeId!.Value,
                        prepared.CredentialInputs, ledger, cancellationToken).ConfigureAwait(false);
                    created = true;
                    _reporter.Lifecycle($"Created Machine credential {resources.Credential.Id} '{resources.Credential.Name}' (user {resources.Credential.UserName ?? "<none>"}, {resources.Credential.Authentication})");
                }
            }

            // Both run to their end before a failure of either surfaces (the first one's, as when they ran in turn).
            await Task.WhenAll(InventoryAndHostAsync(), CredentialAsync()).ConfigureAwait(false);

            run.Launch.Inventory = inventoryId;
            var ours = new List<LaunchCredential>();
            if (resources.Credential != null)
            {
                ours.Add(new LaunchCredential(resources.Credential.Id, resources.Credential.CredentialTypeId, null, resources.Credential.Name));
            }

            ours.AddRange(run.ExtraCredentials);
            run.Launch.Credentials = ours;
            var merged = ours.Count == 0 ? null : CredentialMerge.Merge(run.Template.DefaultCredentials, ours);
            var payload = run.Plan.BuildPayload(run.Launch, merged);

            var launcher = new JobLauncher(_api, _time) { CancelWait = request.Follow.CancelWait };
            launchStarted = true;
            watcher?.Launching(run.Template.IsWorkflow, run.Template.Id, inventoryId);
            job = await launcher.LaunchAsync(run.Template.IsWorkflow, run.Template.Id, payload, inventoryId,
                ours.Select(c => c.Id).ToList(), resources.Inventory?.Id, run.Build.BuildId, cancellationToken).ConfigureAwait(false);
            resources.Job = job;
            watcher?.Launched(job);
            _reporter.Lifecycle($"Launched {Describe(job)} from '{run.Template.Name}': {job.Url}");

            var follow = CopyFollow(request);
            var follower = new JobFollower(_api, follow, _time) { HostRecapsLater = true };
            IJobOutputSink sink = _reporter;
            if (!run.Template.IsWorkflow && HasObjects(resources))
            {
                // The deletes go out as soon as the job is seen ended, beside the reads of its last output; what the
                // cleanup reports is held back until that output is written.
                sink = cleanupAtEnd = new CleanupAtJobEnd(_reporter, job, () => CleanUpAsync(resources, ledger, request, watcher, heldBack));
            }

            var result = await follower.FollowAsync(job, sink, cancellationToken).ConfigureAwait(false);
            job.Status = result.Status;
            outcome.Result = result;

            // A job's host recaps are read beside the cleanup's deletes (a round trip less after the job ends), unless
            // the recap is printed below because no output was streamed.
            hostRecaps = follower.AddHostRecapsAsync(result, cancellationToken);
            if (result.OutputLines == 0)
            {
                await hostRecaps.ConfigureAwait(false);
            }

            ReportResult(result);
            outcome.ExitCode = result.ExitCode;
            if (result.ExitCode != AapProvisionExitCode.Success)
            {
                var error = ResultError(result);
                outcome.Error = error;
                outcome.ErrorId = error.ErrorId;
                outcome.RecommendedAction = error.RecommendedAction;
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            outcome.ExitCode = AapProvisionExitCode.JobCanceled;
            outcome.Error = new AapProvisioningException(AapProvisionExitCode.JobCanceled, ProvisioningErrorKind.ProvisioningInterrupted,
                "The build was interrupted" + (job is null ? "." : $"; {Describe(job)} was canceled."), "Run the build again.", e);
            outcome.ErrorId = "ProvisioningInterrupted";
            job = await StopLaunchedJobAsync(job, launchStarted, run, resources, request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AapProvisioningException || e is AapApiException || e is AapConfigurationException)
        {
            outcome.ExitCode = AapProvisioningException.ExitCodeFor(e, created);
            outcome.Error = e;
            outcome.ErrorId = (e as AapProvisioningException)?.ErrorId ?? ErrorIdFor(e);
            outcome.RecommendedAction = (e as AapProvisioningException)?.RecommendedAction ?? (e as AapConfigurationException)?.RecommendedAction;
            if (e is AapProvisioningException { Job: { } launched })
            {
                job = launched;
                resources.Job = launched;
            }

            // The build failed around a job that may still run (AAP briefly unreachable while following): stop it,
            // so the build machine is not changed while Packer tears it down.
            job = await StopLaunchedJobAsync(job, launchStarted, run, resources, request).ConfigureAwait(false);
        }
        finally
        {
            if (cleanupAtEnd?.Started is { } started)
            {
                outcome.Cleanup = await started.ConfigureAwait(false);
                heldBack.WriteTo(_reporter);
            }
            else if (HasObjects(resources))
            {
                outcome.Cleanup = await CleanUpAsync(resources, ledger, request, watcher, _reporter).ConfigureAwait(false);
            }

            if (hostRecaps != null)
            {
                await hostRecaps.ConfigureAwait(false);
            }

            // Only now: had the process died during the cancel or the cleanup, the guardian would finish them. After a
            // hand-over the guardian has already been told all it needs.
            watcher?.Finished();
        }

        if (outcome.Error != null)
        {
            _reporter.Lifecycle($"Failed ({(int)outcome.ExitCode} {outcome.ExitCode}): {outcome.Error.Message}");
        }

        return outcome;
    }

    private async Task<PreparedRun> PrepareAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        var isWorkflow = !NameOrId.IsNullOrBlank(request.WorkflowJobTemplate);
        if (isWorkflow == !NameOrId.IsNullOrBlank(request.JobTemplate))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.TemplateNotGiven,
                isWorkflow ? $"Both {Fields.JobTemplate} and {Fields.WorkflowJobTemplate} were given." : "No template was given.",
                $"Pass either {Fields.JobTemplate} or {Fields.WorkflowJobTemplate} (name or id).");
        }

        var packer = request.Packer ?? new PackerTarget();
        var build = BuildIdentity.Create(request.BuildId, packer.RunUuid, packer.BuildName);
        var resolver = new NamedObjectResolver(_api);

        // Lookups that depend on nothing else go out at once, beside the organization → template → launch chain;
        // they are awaited where today's order checks them, so the first error reported stays the same.
        var lookups = new PreflightLookups(
            request.Credential.None ? null : MachineCredentialType.FindIdAsync(_api, cancellationToken),
            request.Target.InventoryId is null ? null : resolver.InventoryAsync(request.Target.InventoryId, cancellationToken),
            new TemplateLauncher(_api, _time).ResolveCredentialsAsync(request.Credential.Extra, cancellationToken));
        try
        {
            return await PrepareAsync(request, packer, build, resolver, lookups, isWorkflow, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // After a failure, the lookups still in flight end before the build goes on to report it.
            await lookups.SettleAsync().ConfigureAwait(false);
        }
    }

    private async Task<PreparedRun> PrepareAsync(ProvisioningRequest request, PackerTarget packer, BuildIdentity build, NamedObjectResolver resolver,
        PreflightLookups lookups, bool isWorkflow, CancellationToken cancellationToken)
    {
        // 1. The organization when given (it picks the template among namesakes), the template and what its launch accepts.
        // The template's lookup goes out beside the organization's (a round trip less); the organization's error comes first.
        var organizationLookup = string.IsNullOrWhiteSpace(request.Organization) ? null : resolver.OrganizationAsync(request.Organization!, cancellationToken);
        var launchInfo = await new TemplateLauncher(_api, _time)
            .ReadTemplateAsync(isWorkflow ? request.WorkflowJobTemplate! : request.JobTemplate!, isWorkflow, IdOf(organizationLookup), cancellationToken).ConfigureAwait(false);
        var organization = organizationLookup is null ? null : await organizationLookup.ConfigureAwait(false);

        if (isWorkflow && (!request.Credential.None || request.Credential.Extra.Count > 0))
        {
            throw AapProvisioningException.Configuration(WorkflowCredentialPolicy.Kind, WorkflowCredentialPolicy.Message(launchInfo.Name), WorkflowCredentialPolicy.Action);
        }

        // 2. Target and secrets (no network).
        var target = request.Target;
        var host = PackerValue.OrNull(target.Host) ?? packer.Host;
        var port = target.Port ?? packer.Port;
        var user = PackerValue.OrNull(target.User) ?? packer.User;
        var connection = PackerValue.OrNull(target.ConnectionType) ?? packer.ConnectionType ?? "ssh";
        HostVariables? hostVariables = null;
        if (host != null)
        {
            hostVariables = HostVariablesBuilder.Build(new HostTarget
            {
                Address = host,
                Port = port,
                User = user,
                ConnectionType = connection,
                WinRmTransport = target.WinRmTransport,
                WinRmScheme = target.WinRmScheme,
                WinRmServerCertValidation = target.WinRmServerCertValidation,
                Variables = target.HostVariables,
            });
        }
        else if (target.InventoryId is null)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.TargetHostMissing,
                $"No target address: {Fields.TargetHost} was not given and AAPPACKER_HOST is empty, '<unknown>' or unset (Packer fills build.Host only once the communicator has connected).",
                $"Pass {Fields.TargetHost}, or set AAPPACKER_HOST=${{build.Host}} in the provisioner's environment_vars (the communicator must not be 'none').");
        }

        MachineCredentialInputs? inputs = null;
        if (!request.Credential.None)
        {
            inputs = CredentialInputsBuilder.Build(request.Credential, user, packer, TargetSecretMissing);
        }
        else if (request.Credential.HasSecret)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SecretWithNoCredential,
                $"{Fields.NoCredential} was given together with a key or password, which would then not be used.",
                $"Remove {Fields.NoCredential} to pass the secret in a temporary credential, or remove the key/password parameters.");
        }

        var extraVars = ExtraVars.Parse(request.Launch.ExtraVars);
        var packerVars = new[] { ("packer_build_name", packer.BuildName), ("packer_builder_type", packer.BuilderType), ("packer_run_uuid", packer.RunUuid) };
        foreach (var (key, value) in packerVars)
        {
            // Added only where the template takes them: an unprompted variable would be ignored by AAP and stop the launch.
            if (launchInfo.Asks("ask_variables_on_launch") || launchInfo.SurveyVariables.Contains(key))
            {
                extraVars.AddIfAbsent(key, PackerValue.OrNull(value));
            }
        }

        // 3. Organization, inventory, credential type, extra credentials.
        var organizationId = 0;
        if (target.InventoryId is null || inputs != null)
        {
            if (organization is null)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.OrganizationMissing,
                    "No organization was given; the temporary inventory and credential need an owner.", $"Pass {Fields.Organization} (name or id), e.g. {Fields.Organization} Default.");
            }

            organizationId = organization.Id;
        }

        var existingInventory = lookups.Inventory is null ? null : await lookups.Inventory.ConfigureAwait(false);
        var machineTypeId = inputs is null || lookups.MachineType is null ? (int?)null : await lookups.MachineType.ConfigureAwait(false);
        var extraCredentials = await lookups.ExtraCredentials.ConfigureAwait(false);
        if (machineTypeId.HasValue && extraCredentials.FirstOrDefault(c => c.CredentialTypeId == machineTypeId.Value) is { } second)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SecondMachineCredential,
                $"{Fields.Credentials} '{second.Name}' is a Machine credential, and the build already brings one; AAP allows one per launch.",
                $"Remove it from {Fields.Credentials}, or pass {Fields.NoCredential} to use it instead of a temporary one.");
        }

        // 4. The launch decision, with placeholders for what does not exist yet.
        var launch = await request.Launch.ResolveAsync(_api, cancellationToken).ConfigureAwait(false);
        launch.ExtraVars = extraVars;
        launch.Inventory = existingInventory?.Id ?? 0;
        var planned = new List<LaunchCredential>(extraCredentials);
        if (machineTypeId.HasValue)
        {
            planned.Insert(0, new LaunchCredential(0, machineTypeId.Value, null, "temporary Machine credential"));
        }

        launch.Credentials = planned;
        var plan = LaunchPreflight.Check(launchInfo, launch, machineTypeId);
        foreach (var warning in plan.Warnings)
        {
            _reporter.Warning(warning);
        }

        if (host != null && TargetAddress.ReachabilityWarning(host) is { } unreachable)
        {
            _reporter.Warning(unreachable);
        }

        if (hostVariables is null)
        {
            _reporter.Warning("No target address was given; no host is added to the existing inventory, so the job runs against the hosts already in it.");
        }

        return new PreparedRun(build, launchInfo, plan, launch, organizationId, existingInventory, hostVariables, inputs, machineTypeId, extraCredentials);
    }

    private static AapProvisioningException TargetSecretMissing()
        => AapProvisioningException.Configuration(ProvisioningErrorKind.TargetSecretMissing,
            $"No key or password to log in to the target: none of {Fields.SshPrivateKeyPath}, {Fields.SshPrivateKey}, {Fields.TargetPassword} was given, and AAPPACKER_SSHKEY_B64/AAPPACKER_PASSWORD_B64 are empty (Packer leaves build.SSHPrivateKey empty for some builders).",
            $"Pass {Fields.SshPrivateKeyPath} or {Fields.TargetPassword}, or pass {Fields.NoCredential} to use the template's own Machine credential.");

    private static BuildLedger CreateLedger(ProvisioningRequest request, BuildIdentity build)
    {
        string? directory = request.LedgerDirectory;
        if (directory is null)
        {
            directory = BuildLedger.DefaultDirectory();
        }
        else if (directory.Length == 0)
        {
            directory = null;
        }

        return new BuildLedger(build.BuildId, directory, build.InstanceSuffix);
    }

    private async Task<AapJob?> StopLaunchedJobAsync(AapJob? job, bool launchStarted, PreparedRun? run, AapBuildResources resources, ProvisioningRequest request)
    {
        using (var fresh = _time.CreateCancellationTokenSource(request.Follow.CancelWait + TimeSpan.FromSeconds(15)))
        {
            try
            {
                if (job is null && launchStarted && run != null && resources.Inventory != null)
                {
                    // Interrupted during the launch POST: the job may exist without us knowing its id.
                    var found = await new JobLauncher(_api, _time).FindLaunchedAsync(run.Template.IsWorkflow, run.Template.Id, resources.Inventory.Id, fresh.Token).ConfigureAwait(false);
                    if (found != null)
                    {
                        job = new JobLauncher(_api, _time).ToJob(found, run.Template.Id, run.Build.BuildId);
                        resources.Job = job;
                    }
                }

                if (job != null && !JobStatus.IsTerminal(job.Status))
                {
                    _reporter.Lifecycle($"Canceling {Describe(job)}...");
                    job.Status = await new JobCanceller(_api, _time).CancelAsync(job.KindOf(), job.Id, request.Follow.CancelWait, fresh.Token).ConfigureAwait(false);
                    _reporter.Lifecycle($"{Describe(job)} is {job.Status}");
                }
            }
            catch (Exception e) when (e is AapApiException || e is OperationCanceledException)
            {
                _reporter.Warning($"Could not cancel {(job is null ? "the launched job" : Describe(job))}: {e.Message}");
            }
        }

        return job;
    }

    private static bool HasObjects(AapBuildResources resources)
        => resources.Inventory != null || resources.Hosts.Count > 0 || resources.Credential != null;

    private async Task<AapCleanupResult> CleanUpAsync(AapBuildResources resources, BuildLedger? ledger, ProvisioningRequest request, IBuildWatcher? watcher, IProvisionReporter reporter)
    {
        var options = request.Cleanup;
        reporter.Lifecycle("Cleaning up build " + resources.BuildId);
        var cleanup = new BuildCleanup(_api, options, _time, reporter.Warning)
        {
            OnItem = (item, what) => reporter.Lifecycle($"  {item.ObjectType} {item.Id} '{item.Name}': {what}"),
        };
        if (!options.WaitForCleanup && watcher != null)
        {
            // The job is over and the credential (the secret) is deleted first; what AAP still holds on to for a while
            // (the inventory, seconds to a minute) the guardian, already running, removes and confirms.
            cleanup.HandOff = watcher.HandOff;
        }

        // Its own token: the build's is usually the canceled one.
        var result = await cleanup.RunAsync(resources, ledger, CancellationToken.None).ConfigureAwait(false);
        if (result.HandedOff.Count > 0)
        {
            result.GuardianProcessId = watcher?.ProcessId;
            foreach (var item in result.HandedOff)
            {
                reporter.Lifecycle($"  {item}");
            }

            reporter.Lifecycle("  The cleanup guardian" + (result.GuardianProcessId is { } pid ? " (process " + pid.ToString(CultureInfo.InvariantCulture) + ")" : "")
                + " removes them, confirms each is gone and clears the ledger" + (ledger?.FilePath is null ? "" : " (" + ledger.FilePath + ")")
                + $"; pass {Fields.WaitForCleanup} to wait here instead. If it is stopped first: Remove-AapBuildResources -BuildId " + resources.BuildId);
        }
        foreach (var kept in result.Left.Where(l => l.Outcome == AapCleanupOutcome.Kept))
        {
            reporter.Lifecycle($"  {kept}");
        }

        if (ledger?.FileError != null)
        {
            reporter.Warning("The build ledger file could not be written (" + ledger.FileError + "); cleanup after a crash would need Remove-AapBuildResources -BuildId " + resources.BuildId);
        }

        reporter.Lifecycle($"Cleanup: {result}");
        return result;
    }

    private void ReportResult(AapJobResult result)
    {
        foreach (var node in result.Nodes)
        {
            _reporter.Lifecycle($"  workflow {node}");
        }

        // The streamed output already ends with Ansible's PLAY RECAP: repeat it only when no output was shown.
        if (result.HostRecaps.Count > 0 && result.OutputLines == 0)
        {
            _reporter.Lifecycle("Recap:");
            foreach (var recap in result.HostRecaps)
            {
                _reporter.Lifecycle("  " + recap);
            }
        }

        _reporter.Lifecycle($"{(result.KindOf() == JobKind.WorkflowJob ? "Workflow job" : "Job")} {result.Id} {(result.TimedOut ? "timed out (" + result.Status + ")" : result.Status)}"
            + $" after {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s"
            + (string.IsNullOrEmpty(result.JobExplanation) ? "" : ": " + result.JobExplanation) + $" ({result.Url})");
    }

    private static AapProvisioningException ResultError(AapJobResult result)
    {
        var what = (result.KindOf() == JobKind.WorkflowJob ? "Workflow job " : "Job ") + result.Id.ToString(CultureInfo.InvariantCulture);
        AapProvisioningException error;
        switch (result.ExitCode)
        {
            case AapProvisionExitCode.TimedOut:
                error = new AapProvisioningException(result.ExitCode, ProvisioningErrorKind.JobTimedOut, $"{what} did not finish in time (last status {result.Status}).",
                    $"Raise {Fields.Timeout}, or find out why the job is slow: " + result.Url);
                break;
            case AapProvisionExitCode.JobCanceled:
                error = new AapProvisioningException(result.ExitCode, ProvisioningErrorKind.JobCanceled, $"{what} was canceled.", "See who canceled it: " + result.Url);
                break;
            default:
                var failedNodes = result.Nodes.Where(n => n.Failed).Select(n => $"'{n.TemplateName}' ({n.Status})").ToList();
                error = new AapProvisioningException(result.ExitCode, result.Status == "error" ? ProvisioningErrorKind.JobError : ProvisioningErrorKind.JobFailed,
                    $"{what} ended {result.Status}" + (failedNodes.Count > 0 ? "; failed node(s): " + string.Join(", ", failedNodes) : "")
                    + (string.IsNullOrEmpty(result.JobExplanation) ? "." : ": " + result.JobExplanation),
                    "Read the job output above or at " + result.Url);
                break;
        }

        error.Result = result;
        return error;
    }

    private static string ErrorIdFor(Exception e)
        => e switch
        {
            AapApiException api => "Aap" + api.Kind,
            AapConfigurationException _ => "ConfigurationError",
            _ => "ProvisioningFailed",
        };

    private static string Describe(AapJob job) => job.KindOf().Noun() + " " + job.Id.ToString(CultureInfo.InvariantCulture);

    private static JobFollowOptions CopyFollow(ProvisioningRequest request)
        => new JobFollowOptions
        {
            Timeout = request.Follow.Timeout,
            CancelOnTimeout = true,
            NoOutput = request.Follow.NoOutput,
            MinPollInterval = request.Follow.MinPollInterval,
            MaxPollInterval = request.Follow.MaxPollInterval,
            EventProcessingGrace = request.Follow.EventProcessingGrace,
            GapTimeout = request.Follow.GapTimeout,
            CancelWait = request.Follow.CancelWait,
        };

    private static async Task<int?> IdOf(Task<ResolvedObject>? organization)
        => organization is null ? null : (await organization.ConfigureAwait(false)).Id;

    private sealed class PreparedRun
    {
        public PreparedRun(BuildIdentity build, LaunchTemplateInfo template, LaunchPlan plan, LaunchRequest launch, int organizationId,
            ResolvedObject? existingInventory, HostVariables? hostVariables, MachineCredentialInputs? credentialInputs, int? machineTypeId,
            List<LaunchCredential> extraCredentials)
        {
            Build = build;
            Template = template;
            Plan = plan;
            Launch = launch;
            OrganizationId = organizationId;
            ExistingInventory = existingInventory;
            HostVariables = hostVariables;
            CredentialInputs = credentialInputs;
            MachineTypeId = machineTypeId;
            ExtraCredentials = extraCredentials;
        }

        public BuildIdentity Build { get; }

        public LaunchTemplateInfo Template { get; }

        public LaunchPlan Plan { get; }

        public LaunchRequest Launch { get; }

        public int OrganizationId { get; }

        public ResolvedObject? ExistingInventory { get; }

        public HostVariables? HostVariables { get; }

        public MachineCredentialInputs? CredentialInputs { get; }

        public int? MachineTypeId { get; }

        public List<LaunchCredential> ExtraCredentials { get; }
    }
}
