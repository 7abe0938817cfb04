using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// Job templates (<c>job_templates/</c>) or workflow job templates (<c>workflow_job_templates/</c>), one kind per
/// instance: list, read, what the launch accepts (<c>GET launch/</c>, <c>survey_spec/</c>), and the launch itself.
/// </summary>
internal sealed class JobTemplatesResource
{
    private static readonly JsonElement Adopted = JsonDocument.Parse("{}").RootElement.Clone();

    private static readonly char[] NotInNamedUrls = ['/', '\\', '%'];

    private readonly IAapApi _api;

    /// <summary>Wraps an API for one kind of template.</summary>
    public JobTemplatesResource(IAapApi api, bool isWorkflow)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        IsWorkflow = isWorkflow;
    }

    /// <summary>True for workflow job templates.</summary>
    public bool IsWorkflow { get; }

    /// <summary>The collection path: <c>job_templates/</c> or <c>workflow_job_templates/</c>.</summary>
    public string Collection => CollectionOf(IsWorkflow);

    /// <summary>Templates ordered by name, optionally of one name and one organization.</summary>
    public async IAsyncEnumerable<TemplateRecord> ListAsync(TemplateListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parts = new List<string> { "order_by=name" };
        if (!string.IsNullOrEmpty(query?.Name))
        {
            parts.Add("name=" + Uri.EscapeDataString(query!.Name));
        }

        if (query?.OrganizationId is int organization)
        {
            parts.Add("organization=" + Id(organization));
        }

        await foreach (var item in _api.ListAsync(Collection + "?" + string.Join("&", parts), cancellationToken).ConfigureAwait(false))
        {
            yield return TemplateRecord.Read(item, IsWorkflow);
        }
    }

    /// <summary>One template.</summary>
    public async Task<TemplateRecord> GetAsync(int id, CancellationToken cancellationToken)
        => TemplateRecord.Read(await _api.GetAsync(Path(IsWorkflow, id), cancellationToken).ConfigureAwait(false), IsWorkflow);

    /// <summary>What the template's launch accepts (<c>GET launch/</c>).</summary>
    public async Task<LaunchInfo> GetLaunchInfoAsync(int id, CancellationToken cancellationToken)
        => LaunchInfo.Read(await _api.GetAsync(Path(IsWorkflow, id) + "launch/", cancellationToken).ConfigureAwait(false), IsWorkflow, id);

    /// <summary>
    /// What a job template's launch accepts, read by the template's name alone: AWX still routes the deprecated
    /// named URL <c>job_templates/&lt;name&gt;/launch/</c> (<c>URLModificationMiddleware._hijack_for_old_jt_name</c>),
    /// picking the namesake of the oldest organization. Lets the read go out before the name's lookup has answered; the
    /// caller keeps the answer only when its <see cref="LaunchInfo.TemplateId"/> is the template the lookup resolved
    /// (0 when AAP did not say). Null for workflow templates (their named URL needs the organization's name) and for
    /// names that URL cannot carry (see <see cref="CanAddressByName"/>).
    /// </summary>
    public Task<LaunchInfo>? GetLaunchInfoByNameAsync(string name, CancellationToken cancellationToken)
        => IsWorkflow || !CanAddressByName(name) ? null : ReadByNameAsync(name, cancellationToken);

    /// <summary>
    /// True when <paramref name="name"/> survives AWX's named-URL routing unchanged: the server decodes the path before
    /// splitting it on <c>/</c> and unquotes the name once more (so no <c>/</c>, <c>\</c> or <c>%</c>); <c>++</c>
    /// would make it the organization-qualified form; digits would be read as an id; dot segments and edge spaces may be
    /// normalised by a proxy on the way.
    /// </summary>
    public static bool CanAddressByName(string name)
        => !string.IsNullOrEmpty(name) && name != "." && name != ".." && name.Trim().Length == name.Length
            && name.IndexOfAny(NotInNamedUrls) < 0 && name.IndexOf("++", StringComparison.Ordinal) < 0
            && !name.All(c => c >= '0' && c <= '9') && !name.Any(char.IsControl);

    private async Task<LaunchInfo> ReadByNameAsync(string name, CancellationToken cancellationToken)
        => LaunchInfo.Read(await _api.GetAsync(Collection + Uri.EscapeDataString(name) + "/launch/", cancellationToken).ConfigureAwait(false), IsWorkflow, 0);

    /// <summary>The variables the template's survey declares (<c>survey_spec/</c>; template admins only).</summary>
    public async Task<IReadOnlyList<string>> GetSurveyVariablesAsync(int id, CancellationToken cancellationToken)
        => LaunchInfo.ReadSurveyVariables(await _api.GetAsync(Path(IsWorkflow, id) + "survey_spec/", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Launches, safe to retry: <c>POST launch/</c> through the client's <see cref="PostRetry"/>; after a transient
    /// failure <paramref name="findLaunched"/> is asked for the job AAP may have made, which is then adopted
    /// (<see cref="LaunchAnswer.Reconciled"/>) instead of launching again. <paramref name="payload"/> is keyed by
    /// launch field (<c>inventory</c>, <c>credentials</c>, <c>extra_vars</c> ...). Null when AAP's answer names no job.
    /// </summary>
    public async Task<LaunchAnswer?> LaunchAsync(int id, IDictionary<string, object?> payload,
        Func<AapApiException, Task<JobRecord?>> findLaunched, CancellationToken cancellationToken)
    {
        if (findLaunched is null)
        {
            throw new ArgumentNullException(nameof(findLaunched));
        }

        var path = Path(IsWorkflow, id) + "launch/";
        JobRecord? adopted = null;
        var answer = await _api.PostRetry.RunAsync("Launch of template " + Id(id),
            () => _api.PostAsync(path, payload, cancellationToken),
            async failure =>
            {
                adopted = await findLaunched(failure).ConfigureAwait(false);
                return adopted is null ? (JsonElement?)null : Adopted;
            },
            cancellationToken).ConfigureAwait(false);
        if (adopted != null)
        {
            return new LaunchAnswer(adopted, Array.Empty<string>(), reconciled: true); // a list item has no ignored_fields
        }

        var job = JobRecord.ReadLaunchAnswer(answer, JobKinds.OfTemplate(IsWorkflow));
        if (job is null)
        {
            return null;
        }

        var ignored = answer.Property("ignored_fields") is { ValueKind: JsonValueKind.Object } fields
            ? fields.EnumerateObject().Select(f => f.Name).ToList()
            : new List<string>();
        return new LaunchAnswer(job, ignored, reconciled: false);
    }

    /// <summary>The API path of a template.</summary>
    public static string Path(bool isWorkflow, int id) => CollectionOf(isWorkflow) + Id(id) + "/";

    private static string CollectionOf(bool isWorkflow) => isWorkflow ? "workflow_job_templates/" : "job_templates/";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Access: <c>api.JobTemplates()</c>, <c>api.WorkflowJobTemplates()</c>, <c>api.Templates(isWorkflow)</c>.</summary>
internal static class JobTemplatesResourceAccess
{
    /// <summary>Job templates.</summary>
    public static JobTemplatesResource JobTemplates(this IAapApi api) => new JobTemplatesResource(api, false);

    /// <summary>Workflow job templates.</summary>
    public static JobTemplatesResource WorkflowJobTemplates(this IAapApi api) => new JobTemplatesResource(api, true);

    /// <summary>Templates of one kind.</summary>
    public static JobTemplatesResource Templates(this IAapApi api, bool isWorkflow) => new JobTemplatesResource(api, isWorkflow);
}
