using System.Globalization;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// PUT and PATCH on <c>job_templates/&lt;id&gt;/</c> (AWX <c>JobTemplateDetail</c>, a RetrieveUpdateDestroyAPIView over
/// <c>JobTemplateSerializer</c> in <c>awx/api/serializers.py</c>). PATCH changes what is sent; PUT needs <c>name</c> and
/// puts every unsent model field back to its default, while an unsent <c>inventory</c>/<c>project</c> (foreign keys:
/// DRF gives them no default) keeps its value. Read-only fields (<c>organization</c>, which follows the project;
/// <c>status</c>, <c>custom_virtualenv</c>, ids, dates) and unknown keys are ignored. Errors come as
/// <c>{"field": ["message"]}</c>: field errors first, then the serializer's <c>validate()</c> chain
/// (JobTemplateSerializer → JobTemplateMixin → JobOptionsSerializer), then the model's unique check.
/// </summary>
internal static class JobTemplateWrites
{
    /// <summary>The model's choices: <c>JOB_TYPE_CHOICES</c> and <c>VERBOSITY_CHOICES</c> in <c>awx/main/models/base.py</c>.</summary>
    public static readonly string[] JobTypes = ["run", "check", "scan"];
    public static readonly string[] Verbosities = ["0", "1", "2", "3", "4", "5"];

    public static void Map(ApiRouter r) => TemplateUpdate.Map(r, "job_templates/{id}/", Update);

    private static ApiResult Update(ApiRequest req, TemplateUpdate u)
    {
        var t = JobTemplates.Find(req);
        var body = u.Body;
        var store = u.Store;
        var v = u.Errors;

        // Field by field (DRF to_internal_value): every field's errors are collected before validate() runs.
        var name = u.Name(t.Name);
        var description = u.LongText("description", t.Description);
        var jobType = u.Sent("job_type") ? (body.ContainsKey("job_type") ? v.Choice(body, "job_type", JobTypes, nullAsEmpty: true) : "run") : t.JobType;
        var inventory = u.Pk("inventory", t.InventoryId, id => store.Inventories.ContainsKey(id));
        var project = u.Pk("project", t.ProjectId, id => store.Projects.ContainsKey(id));
        var playbook = u.Sent("playbook") ? v.Text(body, "playbook", maxLength: 1024, nullAsEmpty: true) ?? "" : t.Playbook;
        var scmBranch = u.Sent("scm_branch") ? v.Text(body, "scm_branch", maxLength: 1024, nullAsEmpty: true) ?? "" : t.ScmBranch;
        var forks = u.Sent("forks") ? v.Int(body, "forks", min: 0) ?? 0 : t.Forks;
        var limit = u.LongText("limit", t.Limit);
        var verbosity = u.Sent("verbosity") ? v.Choice(body, "verbosity", Verbosities) ?? "0" : t.Verbosity.ToString(CultureInfo.InvariantCulture);
        var extraVars = u.LongText("extra_vars", t.ExtraVars);
        var jobTags = u.LongText("job_tags", t.JobTags);
        var skipTags = u.Sent("skip_tags") ? v.Text(body, "skip_tags", maxLength: 1024, nullAsEmpty: true) ?? "" : t.SkipTags;
        var startAtTask = u.Sent("start_at_task") ? v.Text(body, "start_at_task", maxLength: 1024, nullAsEmpty: true) ?? "" : t.StartAtTask;
        var timeout = u.Sent("timeout") ? v.Int(body, "timeout") ?? 0 : t.Timeout;
        var slices = u.Sent("job_slice_count") ? v.Int(body, "job_slice_count", min: 0) ?? 1 : t.JobSliceCount;
        var hostConfigKey = u.Sent("host_config_key") ? v.Text(body, "host_config_key", maxLength: 1024, nullAsEmpty: true) ?? "" : t.HostConfigKey;
        var webhookService = u.WebhookService(t.WebhookService);
        var webhookCredential = u.Pk("webhook_credential", t.WebhookCredentialId, id => store.Credentials.ContainsKey(id));
        var forceHandlers = u.Flag("force_handlers", t.ForceHandlers);
        var useFactCache = u.Flag("use_fact_cache", t.UseFactCache);
        var becomeEnabled = u.Flag("become_enabled", t.BecomeEnabled);
        var diffMode = u.Flag("diff_mode", t.DiffMode);
        var allowSimultaneous = u.Flag("allow_simultaneous", t.AllowSimultaneous);
        var preventFallback = u.Flag("prevent_instance_group_fallback", t.PreventInstanceGroupFallback);
        var surveyEnabled = u.Flag("survey_enabled", t.Survey.Enabled);
        var asks = u.Asks(Prompts.JobTemplateFields, t.Asks);
        u.ThrowFieldErrors(extraVars);

        // JobTemplateSerializer.validate.
        if (!string.IsNullOrEmpty(hostConfigKey) && inventory is null)
        {
            throw Field("host_config_key", "Cannot enable provisioning callback without an inventory set.");
        }
        if (project is null)
        {
            throw Field("project", "Job Templates must have a project assigned.");
        }
        if (inventory is null && !asks.Contains("inventory"))
        {
            throw Field("inventory", "You must either set a default value or ask to prompt on launch.");
        }
        // JobTemplateMixin.validate: a webhook credential must be a personal access token of the webhook service.
        u.CheckWebhookCredential(webhookCredential, webhookService);
        // JobOptionsSerializer.validate: the playbook must be one of the project's (an SCM project without
        // allow_override), and branch overrides need allow_override.
        var proj = store.Projects[project.Value];
        if (playbook.Length > 0 && !proj.Playbooks.Contains(playbook))
        {
            throw Field("playbook", "Playbook not found for project.");
        }
        if (playbook.Length == 0)
        {
            throw Field("playbook", "Must select playbook for project.");
        }
        if (scmBranch.Length > 0 && !proj.AllowOverride)
        {
            throw Field("scm_branch", "Project does not allow overriding branch.");
        }
        if (asks.Contains("scm_branch") && !proj.AllowOverride)
        {
            throw Field("ask_scm_branch_on_launch", "Project does not allow overriding branch.");
        }
        // JobTemplate.validate_unique (awx/main/models/jobs.py): the organization is the project's; a list error of
        // full_clean lands under "__all__". Python builds "(name, organization)" from a set, so the order may differ.
        if (store.JobTemplates.Values.Any(o => o != t && o.Name == name && o.OrganizationId == proj.OrganizationId))
        {
            Validation.ThrowNonField("JobTemplate with this (name, organization) combination already exists.");
        }

        t.Name = name!;
        t.Description = description;
        t.JobType = jobType!;
        t.InventoryId = inventory;
        t.ProjectId = proj.Id;
        t.OrganizationId = proj.OrganizationId;
        t.Playbook = playbook;
        t.ScmBranch = scmBranch;
        t.Forks = forks;
        t.Limit = limit;
        t.Verbosity = int.Parse(verbosity, CultureInfo.InvariantCulture);
        t.ExtraVars = extraVars;
        t.JobTags = jobTags;
        t.SkipTags = skipTags;
        t.StartAtTask = startAtTask;
        t.Timeout = timeout;
        t.JobSliceCount = slices;
        t.HostConfigKey = hostConfigKey;
        t.WebhookService = webhookService;
        t.WebhookCredentialId = webhookCredential;
        t.ForceHandlers = forceHandlers;
        t.UseFactCache = useFactCache;
        t.BecomeEnabled = becomeEnabled;
        t.DiffMode = diffMode;
        t.AllowSimultaneous = allowSimultaneous;
        t.PreventInstanceGroupFallback = preventFallback;
        t.Survey.Enabled = surveyEnabled;
        t.Ask.Clear();
        t.Ask.UnionWith(asks);
        t.Modified = req.Now;
        return ApiResult.Ok(JobTemplates.ToJson(req, t));
    }

    private static ApiException Field(string field, string message) => TemplateUpdate.Field(field, message);
}
