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

    public static void Map(ApiRouter r)
    {
        r.Map("PUT", "workflow_job_templates/{id}/", req => Update(req, partial: false));
        r.Map("PATCH", "workflow_job_templates/{id}/", req => Update(req, partial: true));
    }

    private static ApiResult Update(ApiRequest req, bool partial)
    {
        var t = WorkflowTemplates.Find(req);
        var body = req.ReadObject();
        var store = req.Store;
        bool Sent(string f) => !partial || body.ContainsKey(f);
        var v = new Validation();

        var name = Sent("name") ? v.Text(body, "name", required: true) : t.Name;
        var description = Sent("description") ? v.Text(body, "description", maxLength: int.MaxValue, nullAsEmpty: true) ?? "" : t.Description;
        var extraVars = Sent("extra_vars") ? v.Text(body, "extra_vars", maxLength: int.MaxValue, nullAsEmpty: true) ?? "" : t.ExtraVars;
        var organization = body.ContainsKey("organization") ? v.Pk(body, "organization", id => store.Organizations.ContainsKey(id)) : t.OrganizationId;
        var inventory = body.ContainsKey("inventory") ? v.Pk(body, "inventory", id => store.Inventories.ContainsKey(id)) : t.InventoryId;
        var webhookService = Sent("webhook_service") ? v.Choice(body, "webhook_service", JobTemplateWrites.WebhookServices, nullAsEmpty: true) ?? "" : t.WebhookService;
        var webhookCredential = body.ContainsKey("webhook_credential")
            ? v.Pk(body, "webhook_credential", id => store.Credentials.ContainsKey(id))
            : t.WebhookCredentialId;
        var charPrompts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in CharPromptFields)
        {
            if (body.ContainsKey(field) && body[field] is not null && v.Text(body, field, maxLength: int.MaxValue) is { } value)
            {
                charPrompts[field] = value;
            }
        }
        bool Flag(string field, bool current) => Sent(field) ? Validation.Bool(body, field, v, nullAsFalse: true) ?? false : current;
        var allowSimultaneous = Flag("allow_simultaneous", t.AllowSimultaneous);
        var surveyEnabled = Flag("survey_enabled", t.Survey.Enabled);
        var asks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, flag) in Prompts.WorkflowFields)
        {
            if (Flag($"ask_{flag}_on_launch", t.Asks(flag)))
            {
                asks.Add(flag);
            }
        }
        if (Sent("extra_vars") && !v.HasErrors && !Variables.TryParse(extraVars, out _, out var varsError))
        {
            v.Add("extra_vars", varsError);
        }
        v.ThrowIfAny();

        // JobTemplateMixin.validate (webhook credential), then PrimordialModel.validate_unique with
        // SOFT_UNIQUE_TOGETHER (name, organization) (awx/main/models/base.py).
        if (webhookCredential is { } wc)
        {
            var type = store.CredentialTypes[store.Credentials[wc].CredentialTypeId];
            if (type.Kind != "token")
            {
                throw new ApiException(ApiResult.FieldError("webhook_credential", "Must be a Personal Access Token."));
            }
            if (webhookService.Length == 0 || type.Namespace != webhookService + "_token")
            {
                throw new ApiException(ApiResult.FieldError("webhook_credential", "Must match the selected webhook service."));
            }
        }
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
