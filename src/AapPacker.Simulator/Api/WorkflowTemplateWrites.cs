using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// PUT and PATCH on <c>workflow_job_templates/&lt;id&gt;/</c> (AWX <c>WorkflowJobTemplateDetail</c> over
/// <c>WorkflowJobTemplateSerializer</c>). Here <c>organization</c> and <c>inventory</c> are writable (null allowed);
/// <c>limit</c>, <c>scm_branch</c>, <c>job_tags</c> and <c>skip_tags</c> are declared <c>CharField(allow_null=True,
/// default=None)</c> and live in <c>char_prompts</c>: <c>WorkflowJobTemplateSerializer.validate</c> builds a fresh
/// <c>char_prompts</c> from the ones sent with a value and stores it only when it is not empty, so sending one replaces
/// the others and sending only nulls (or none, also on PUT) leaves them as they were.
/// </summary>
internal static class WorkflowTemplateWrites
{
    private static readonly string[] CharPromptFields = ["limit", "scm_branch", "job_tags", "skip_tags"];

    public static void Map(ApiRouter r) => TemplateUpdate.Map(r, "workflow_job_templates/{id}/", Update);

    private static ApiResult Update(ApiRequest req, TemplateUpdate u)
    {
        var t = WorkflowTemplates.Find(req);
        var body = u.Body;
        var store = u.Store;
        var v = u.Errors;

        var name = u.Name(t.Name);
        var description = u.LongText("description", t.Description);
        var extraVars = u.LongText("extra_vars", t.ExtraVars);
        var organization = u.Pk("organization", t.OrganizationId, id => store.Organizations.ContainsKey(id));
        var inventory = u.Pk("inventory", t.InventoryId, id => store.Inventories.ContainsKey(id));
        var webhookService = u.WebhookService(t.WebhookService);
        var webhookCredential = u.Pk("webhook_credential", t.WebhookCredentialId, id => store.Credentials.ContainsKey(id));
        var charPrompts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in CharPromptFields)
        {
            if (body.ContainsKey(field) && body[field] is not null && v.Text(body, field, maxLength: int.MaxValue) is { } value)
            {
                charPrompts[field] = value;
            }
        }
        var allowSimultaneous = u.Flag("allow_simultaneous", t.AllowSimultaneous);
        var surveyEnabled = u.Flag("survey_enabled", t.Survey.Enabled);
        var asks = u.Asks(Prompts.WorkflowFields, t.Asks);
        u.ThrowFieldErrors(extraVars);

        // JobTemplateMixin.validate (webhook credential), then PrimordialModel.validate_unique with
        // SOFT_UNIQUE_TOGETHER (name, organization) (awx/main/models/base.py).
        u.CheckWebhookCredential(webhookCredential, webhookService);
        if (store.WorkflowTemplates.Values.Any(o => o != t && o.Name == name && o.OrganizationId == organization))
        {
            Validation.ThrowNonField("WorkflowJobTemplate with this (name, organization) combination already exists.");
        }

        t.Name = name!;
        t.Description = description;
        t.ExtraVars = extraVars;
        t.OrganizationId = organization;
        t.InventoryId = inventory;
        t.WebhookService = webhookService;
        t.WebhookCredentialId = webhookCredential;
        t.AllowSimultaneous = allowSimultaneous;
        t.Survey.Enabled = surveyEnabled;
        if (charPrompts.Count > 0)
        {
            t.CharPrompts = charPrompts;
        }
        t.Ask.Clear();
        t.Ask.UnionWith(asks);
        t.Modified = req.Now;
        return ApiResult.Ok(WorkflowTemplates.ToJson(req, t));
    }
}
