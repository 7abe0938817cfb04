using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// The PUT/PATCH plumbing job templates and workflow job templates share (<see cref="JobTemplateWrites"/>,
/// <see cref="WorkflowTemplateWrites"/>): the body, which fields count as sent (PATCH: those in the body; PUT: all),
/// the field errors collected before <c>validate()</c> runs, and the fields both serializers have (name, description,
/// extra_vars, the webhook pair, boolean flags and the <c>ask_*_on_launch</c> prompts).
/// </summary>
internal sealed class TemplateUpdate
{
    /// <summary>The model's webhook choices (<c>WEBHOOK_SERVICE_CHOICES</c>).</summary>
    public static readonly string[] WebhookServices = ["", "github", "gitlab", "bitbucket_dc"];

    private readonly bool _partial;

    private TemplateUpdate(ApiRequest request, bool partial)
    {
        Body = request.ReadObject();
        Store = request.Store;
        _partial = partial;
    }

    /// <summary>The request body.</summary>
    public JsonObject Body { get; }

    /// <summary>The store the template lives in.</summary>
    public SimStore Store { get; }

    /// <summary>The field errors so far (DRF <c>to_internal_value</c>: every field's errors before <c>validate()</c>).</summary>
    public Validation Errors { get; } = new();

    /// <summary>Maps PUT (<c>partial: false</c>) and PATCH (<c>partial: true</c>) on <paramref name="path"/> to <paramref name="update"/>.</summary>
    public static void Map(ApiRouter router, string path, Func<ApiRequest, TemplateUpdate, ApiResult> update)
    {
        router.Map("PUT", path, req => update(req, new TemplateUpdate(req, partial: false)));
        router.Map("PATCH", path, req => update(req, new TemplateUpdate(req, partial: true)));
    }

    /// <summary>True when the field is to be written: PATCH, when the body has it; PUT, always (unsent = default).</summary>
    public bool Sent(string field) => !_partial || Body.ContainsKey(field);

    /// <summary><c>name</c>: required when written.</summary>
    public string? Name(string current) => Sent("name") ? Errors.Text(Body, "name", required: true) : current;

    /// <summary>A text field without a length limit that takes null as empty (<c>description</c>, <c>extra_vars</c>, ...).</summary>
    public string LongText(string field, string current)
        => Sent(field) ? Errors.Text(Body, field, maxLength: int.MaxValue, nullAsEmpty: true) ?? "" : current;

    /// <summary>A foreign key: written only when the body has it (DRF gives foreign keys no default), checked to exist.</summary>
    public int? Pk(string field, int? current, Func<int, bool> exists)
        => Body.ContainsKey(field) ? Errors.Pk(Body, field, exists) : current;

    /// <summary>A boolean flag; null counts as false, an unsent one on PUT is false.</summary>
    public bool Flag(string field, bool current) => Sent(field) ? Validation.Bool(Body, field, Errors, nullAsFalse: true) ?? false : current;

    /// <summary><c>webhook_service</c>: one of <see cref="WebhookServices"/>.</summary>
    public string WebhookService(string current)
        => Sent("webhook_service") ? Errors.Choice(Body, "webhook_service", WebhookServices, nullAsEmpty: true) ?? "" : current;

    /// <summary>The <c>ask_&lt;flag&gt;_on_launch</c> flags of <paramref name="prompts"/>, as the set of flags asked.</summary>
    public HashSet<string> Asks(IEnumerable<(string Field, string Flag)> prompts, Func<string, bool> asksNow)
    {
        var asks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, flag) in prompts)
        {
            if (Flag($"ask_{flag}_on_launch", asksNow(flag)))
            {
                asks.Add(flag);
            }
        }

        return asks;
    }

    /// <summary>
    /// Ends the field-by-field pass: <c>extra_vars</c>, when written and nothing else failed, must parse
    /// (<c>validate_extra_vars</c> → <c>vars_validate_or_raise</c>, awx/main/validators.py); then every field error is thrown.
    /// </summary>
    public void ThrowFieldErrors(string extraVars)
    {
        if (Sent("extra_vars") && !Errors.HasErrors && !Variables.TryParse(extraVars, out _, out var varsError))
        {
            Errors.Add("extra_vars", varsError);
        }

        Errors.ThrowIfAny();
    }

    /// <summary><c>JobTemplateMixin.validate</c>: a webhook credential must be a personal access token of the webhook service.</summary>
    public void CheckWebhookCredential(int? credential, string service)
    {
        if (credential is not { } id)
        {
            return;
        }

        var type = Store.CredentialTypes[Store.Credentials[id].CredentialTypeId];
        if (type.Kind != "token")
        {
            throw Field("webhook_credential", "Must be a Personal Access Token.");
        }

        if (service.Length == 0 || type.Namespace != service + "_token")
        {
            throw Field("webhook_credential", "Must match the selected webhook service.");
        }
    }

    /// <summary>A <c>{"field": ["message"]}</c> error.</summary>
    public static ApiException Field(string field, string message) => new(ApiResult.FieldError(field, message));
}
