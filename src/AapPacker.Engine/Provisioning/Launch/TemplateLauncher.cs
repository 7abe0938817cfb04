using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// <c>Start-AapJobTemplate</c> and <c>Start-AapWorkflowJobTemplate</c> in one operation: resolve the template and
/// read what its launch accepts, resolve credentials (with their types), labels, execution environment and instance
/// groups, refuse anything the template would ignore (<see cref="LaunchPreflight"/>), merge credentials with the
/// template's (<see cref="CredentialMerge"/>), launch and verify (<see cref="JobLauncher"/>).
/// </summary>
internal sealed class TemplateLauncher
{
    private readonly IAapApi _api;
    private readonly TimeProvider _time;

    /// <summary>Creates a launcher.</summary>
    public TemplateLauncher(IAapApi api, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Resolves a template (by name within <paramref name="organizationId"/> first, when given) and reads
    /// <c>launch/</c> (and the survey's variables when a survey is enabled).
    /// </summary>
    public Task<LaunchTemplateInfo> ReadTemplateAsync(NameOrId reference, bool isWorkflow, int? organizationId, CancellationToken cancellationToken)
        => ReadTemplateAsync(reference, isWorkflow, Task.FromResult(organizationId), cancellationToken);

    /// <summary>
    /// <see cref="ReadTemplateAsync(NameOrId, bool, int?, CancellationToken)"/> while the organization may still be
    /// looked up: the template's lookup goes out beside it (a round trip less), the organization's error comes first.
    /// </summary>
    public async Task<LaunchTemplateInfo> ReadTemplateAsync(NameOrId reference, bool isWorkflow, Task<int?> organizationId, CancellationToken cancellationToken)
    {
        var templates = _api.Templates(isWorkflow);

        // What the launch accepts is read beside the template's own lookup (a round trip less): by id when given one;
        // a job template's by its name, kept only when it is the template the lookup resolves (AWX's by-name route
        // picks among namesakes on its own) and otherwise read again by id. The lookup's error is the one reported.
        var launchById = reference.IsId ? templates.GetLaunchInfoAsync(reference.Id!.Value, cancellationToken) : null;
        var launchByName = reference.IsId ? null : templates.GetLaunchInfoByNameAsync(reference.Text.Trim(), cancellationToken)?.OrNullOnFailureAsync();
        var resolving = new NamedObjectResolver(_api).TemplateAsync(isWorkflow, reference, organizationId, cancellationToken);
        var inFlight = (Task?)launchById ?? launchByName;
        var template = inFlight is null ? await resolving.ConfigureAwait(false) : await resolving.SettlingOnFailureAsync(inFlight).ConfigureAwait(false);
        var launchJson = launchById != null ? await launchById.ConfigureAwait(false) : null;
        if (launchByName != null && await launchByName.ConfigureAwait(false) is { } byName && byName.TemplateId == template.Id)
        {
            launchJson = byName;
        }

        launchJson ??= await templates.GetLaunchInfoAsync(template.Id, cancellationToken).ConfigureAwait(false);
        var info = LaunchTemplateInfo.From(launchJson, isWorkflow);
        if (string.IsNullOrEmpty(info.Name))
        {
            info.Name = template.Name;
        }

        if (info.SurveyEnabled)
        {
            try
            {
                info.AddSurveyVariables(await templates.GetSurveyVariablesAsync(template.Id, cancellationToken).ConfigureAwait(false));
            }
            catch (AapApiException e) when (e.Kind == AapErrorKind.Forbidden || e.Kind == AapErrorKind.NotFound)
            {
                // Only template admins may read the spec; the required variables are still known from launch/.
            }
        }

        return info;
    }

    /// <summary>Resolves credentials by name or id into launch credentials (type and vault id included).</summary>
    public async Task<List<LaunchCredential>> ResolveCredentialsAsync(IEnumerable<string> namesOrIds, CancellationToken cancellationToken)
    {
        var resolver = new NamedObjectResolver(_api);
        var result = new List<LaunchCredential>();
        foreach (var name in namesOrIds ?? Enumerable.Empty<string>())
        {
            var resolved = await resolver.CredentialAsync(name, cancellationToken).ConfigureAwait(false);
            var credential = _api.Credentials().Map(resolved.Json);
            result.Add(new LaunchCredential(resolved.Id, credential.CredentialTypeId ?? 0, credential.VaultId, resolved.Name));
            if (credential.IsMachine)
            {
                MachineTypeSeen = credential.CredentialTypeId;
            }
        }

        return result;
    }

    /// <summary>The Machine type id, when a resolved credential was a Machine credential.</summary>
    private int? MachineTypeSeen { get; set; }

    /// <summary>Checks, launches and verifies. Throws <see cref="AapProvisioningException"/> with what to fix.</summary>
    public async Task<AapJob> StartAsync(TemplateLaunchRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var resolver = new NamedObjectResolver(_api);
        var info = await ReadTemplateAsync(request.Template, request.IsWorkflow, resolver.OrganizationIdAsync(request.Organization, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (request.IsWorkflow && request.Credentials.Count > 0)
        {
            throw AapProvisioningException.Configuration(WorkflowCredentialPolicy.Kind, WorkflowCredentialPolicy.Message(info.Name), WorkflowCredentialPolicy.Action);
        }

        var credentials = await ResolveCredentialsAsync(request.Credentials, cancellationToken).ConfigureAwait(false);
        var launch = new LaunchRequest
        {
            Inventory = request.InventoryId,
            Credentials = credentials,
            ExtraVars = ExtraVars.Parse(request.ExtraVars),
            Limit = request.Launch.Limit,
            JobTags = request.Launch.JobTags,
            SkipTags = request.Launch.SkipTags,
            Verbosity = request.Launch.Verbosity,
            DiffMode = request.Launch.DiffMode,
            JobType = request.Launch.JobType,
            Forks = request.Launch.Forks,
            ScmBranch = request.Launch.ScmBranch,
            JobSliceCount = request.Launch.JobSliceCount,
            Timeout = request.Launch.Timeout,
        };
        await LaunchNames.ResolveAsync(resolver, launch, request.ExecutionEnvironment, request.Labels, request.InstanceGroups, cancellationToken).ConfigureAwait(false);

        var plan = LaunchPreflight.Check(info, launch, MachineTypeSeen);
        var merged = credentials.Count == 0 ? null : CredentialMerge.Merge(info.DefaultCredentials, credentials);
        var payload = plan.BuildPayload(launch, merged);
        var launcher = new JobLauncher(_api, _time);
        try
        {
            return await launcher.LaunchAsync(info.IsWorkflow, info.Id, payload, request.InventoryId,
                credentials.Select(c => c.Id).ToList(), request.InventoryIsUnique ? request.InventoryId : null, request.BuildId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested && request.InventoryIsUnique && request.InventoryId.HasValue)
        {
            // Ctrl-C during the launch POST: a job AAP started must not keep running against the build machine.
            await launcher.CancelInterruptedLaunchAsync(info.IsWorkflow, info.Id, request.InventoryId.Value, request.BuildId).ConfigureAwait(false);
            throw;
        }
    }
}
