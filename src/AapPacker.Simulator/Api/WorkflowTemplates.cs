using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// <c>workflow_job_templates/</c> and their <c>launch/</c>: no ignore rule here — an unprompted field is a 400 —
/// and there is no <c>credentials</c> field at all (silently dropped).
/// </summary>
internal static class WorkflowTemplates
{
    public static void Map(ApiRouter r)
    {
        r.Get("workflow_job_templates/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "WorkflowJobTemplate", Rbac.Readable(req, req.Store.WorkflowTemplates.Values).Select(t => ToJson(req, t)), "name").ToList())));
        r.Get("workflow_job_templates/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Get("workflow_job_templates/{id}/launch/", req => Rbac.Detail(req, LaunchInfo(req, Find(req))));
        r.Post("workflow_job_templates/{id}/launch/", req => Launch(req, Find(req)));
    }

    public static WorkflowTemplate Find(ApiRequest req)
        => req.Store.WorkflowTemplates.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("WorkflowJobTemplate"));

    private static List<string> RequiredSurveyVars(WorkflowTemplate t)
        => t.Survey.IsActive ? t.Survey.Questions.Where(q => q.Required).Select(q => q.Variable).ToList() : [];

    private static JsonObject LaunchInfo(ApiRequest req, WorkflowTemplate t)
    {
        var inventory = t.InventoryId is { } iid ? req.Store.Inventories.GetValueOrDefault(iid) : null;
        var required = RequiredSurveyVars(t);
        return new JsonObject
        {
            ["ask_inventory_on_launch"] = t.Asks("inventory"),
            ["ask_limit_on_launch"] = t.Asks("limit"),
            ["ask_scm_branch_on_launch"] = t.Asks("scm_branch"),
            ["ask_variables_on_launch"] = t.Asks("variables"),
            ["ask_labels_on_launch"] = t.Asks("labels"),
            ["ask_skip_tags_on_launch"] = t.Asks("skip_tags"),
            ["ask_tags_on_launch"] = t.Asks("tags"),
            ["can_start_without_user_input"] = required.Count == 0,
            ["defaults"] = new JsonObject
            {
                ["extra_vars"] = t.ExtraVars,
                ["inventory"] = new JsonObject { ["name"] = inventory?.Name, ["id"] = inventory?.Id },
                ["limit"] = t.CharPrompts.GetValueOrDefault("limit", ""),
                ["scm_branch"] = t.CharPrompts.GetValueOrDefault("scm_branch", ""),
                ["job_tags"] = t.CharPrompts.GetValueOrDefault("job_tags", ""),
                ["skip_tags"] = t.CharPrompts.GetValueOrDefault("skip_tags", ""),
            },
            ["survey_enabled"] = t.Survey.IsActive,
            ["variables_needed_to_start"] = Wire.Array(required.Select(v => (JsonNode?)v)),
            ["node_templates_missing"] = new JsonArray(),
            ["node_prompts_rejected"] = new JsonArray(),
            ["workflow_job_template_data"] = new JsonObject { ["name"] = t.Name, ["id"] = t.Id, ["description"] = t.Description },
        };
    }

    private static ApiResult Launch(ApiRequest req, WorkflowTemplate t)
    {
        var body = req.ReadObject();
        if (!body.ContainsKey("inventory") && body["inventory_id"] is { } legacy)
        {
            body["inventory"] = legacy.DeepClone();
        }
        var store = req.Store;
        var v = new Validation();
        var extraVars = body.ContainsKey("extra_vars") ? LaunchValues.ExtraVars(body["extra_vars"], v) : null;
        var inventory = v.Pk(body, "inventory", id => store.Inventories.ContainsKey(id));
        var limit = v.Text(body, "limit", fallback: null);
        var scmBranch = v.Text(body, "scm_branch", fallback: null);
        var jobTags = v.Text(body, "job_tags", maxLength: 1024, fallback: null);
        var skipTags = v.Text(body, "skip_tags", maxLength: 1024, fallback: null);
        var labels = LaunchValues.IdList(body, "labels", v, _ => false);
        v.ThrowIfAny();

        const string NotPrompted = "Field is not configured to prompt on launch.";
        void Check(string field, string flag, bool provided, bool same)
        {
            if (provided && !same && !t.Asks(flag))
            {
                v.Add(field, NotPrompted);
            }
        }
        Check("inventory", "inventory", inventory is not null, inventory == t.InventoryId);
        Check("limit", "limit", limit is not null, limit == "");
        Check("scm_branch", "scm_branch", scmBranch is not null, scmBranch == "");
        Check("job_tags", "tags", jobTags is not null, jobTags == "");
        Check("skip_tags", "skip_tags", skipTags is not null, skipTags == "");
        Check("labels", "labels", labels is not null, labels is { Count: 0 });
        var templateVars = Variables.ParseOrEmpty(t.ExtraVars);
        var surveyVars = t.Survey.IsActive ? t.Survey.Questions.Select(q => q.Variable).ToHashSet(StringComparer.Ordinal) : [];
        if (extraVars is not null && !t.Asks("variables"))
        {
            var refused = extraVars.Where(kv => !surveyVars.Contains(kv.Key)
                                                && !(templateVars.TryGetPropertyValue(kv.Key, out var same) && JsonNode.DeepEquals(same, kv.Value)))
                .Select(kv => kv.Key).ToList();
            if (refused.Count > 0)
            {
                v.Add("extra_vars", $"Variables {string.Join(", ", refused)} are not allowed on launch. Check the Prompt on Launch setting on the Workflow Job Template to include Extra Variables.");
            }
        }
        foreach (var q in t.Survey.IsActive ? t.Survey.Questions : [])
        {
            if (!(extraVars ?? []).TryGetPropertyValue(q.Variable, out var answer))
            {
                if (q.Required)
                {
                    v.Add("variables_needed_to_start", $"'{q.Variable}' value missing");
                }
            }
            else if (LaunchValues.SurveyAnswerProblem(q, answer) is { } problem)
            {
                v.Add("variables_needed_to_start", problem);
            }
        }
        if (inventory is not null && t.Asks("inventory") && store.Inventories[inventory.Value].PendingDeletion)
        {
            v.Add("inventory", "The provided inventory is being deleted.");
        }
        v.ThrowIfAny();

        var merged = (JsonObject)templateVars.DeepClone();
        foreach (var q in t.Survey.IsActive ? t.Survey.Questions : [])
        {
            if (q.Default is not null && !(extraVars ?? []).ContainsKey(q.Variable))
            {
                merged[q.Variable] = q.Default.DeepClone();
            }
        }
        foreach (var (k, value) in extraVars ?? [])
        {
            merged[k] = value?.DeepClone();
        }
        var wf = WorkflowJobs.CreateFromTemplate(store, t, inventory ?? t.InventoryId, Variables.PythonDumps(merged), limit ?? "", req.User.Id, req.Now);
        store.Launches.Add(new LaunchRecord(t.Id, "workflow", SimStore.Redacted(body), wf.Id));
        var response = new JsonObject { ["workflow_job"] = wf.Id, ["ignored_fields"] = new JsonObject() };
        foreach (var (k, value) in WorkflowJobs.ToJson(req, wf))
        {
            response[k] = value?.DeepClone();
        }
        return ApiResult.Created(response, req.Url("workflow_jobs", wf.Id));
    }

    private static string? Prompt(WorkflowTemplate t, string key) => t.CharPrompts.GetValueOrDefault(key);

    public static JsonObject ToJson(ApiRequest req, WorkflowTemplate t)
    {
        var org = t.OrganizationId is { } oid ? req.Store.Organizations.GetValueOrDefault(oid) : null;
        return new JsonObject
        {
            ["id"] = t.Id,
            ["type"] = "workflow_job_template",
            ["url"] = req.Url("workflow_job_templates", t.Id),
            ["related"] = new JsonObject
            {
                ["launch"] = req.Url("workflow_job_templates", t.Id, "launch"),
                ["workflow_jobs"] = req.Url("workflow_job_templates", t.Id, "workflow_jobs"),
                ["workflow_nodes"] = req.Url("workflow_job_templates", t.Id, "workflow_nodes"),
            },
            ["summary_fields"] = new JsonObject
            {
                ["organization"] = org is null ? null : Organizations.Summary(org),
                ["user_capabilities"] = new JsonObject { ["edit"] = true, ["delete"] = true, ["start"] = true, ["schedule"] = true, ["copy"] = true },
            },
            ["created"] = Wire.Time(t.Created),
            ["modified"] = Wire.Time(t.Modified),
            ["name"] = t.Name,
            ["description"] = t.Description,
            ["last_job_run"] = null,
            ["last_job_failed"] = false,
            ["next_job_run"] = null,
            ["status"] = "never updated",
            ["extra_vars"] = t.ExtraVars,
            ["organization"] = t.OrganizationId,
            ["survey_enabled"] = t.Survey.Enabled,
            ["allow_simultaneous"] = t.AllowSimultaneous,
            ["ask_variables_on_launch"] = t.Asks("variables"),
            ["inventory"] = t.InventoryId,
            ["limit"] = Prompt(t, "limit"),
            ["scm_branch"] = Prompt(t, "scm_branch"),
            ["ask_inventory_on_launch"] = t.Asks("inventory"),
            ["ask_scm_branch_on_launch"] = t.Asks("scm_branch"),
            ["ask_limit_on_launch"] = t.Asks("limit"),
            ["webhook_service"] = t.WebhookService,
            ["webhook_credential"] = t.WebhookCredentialId,
            ["ask_labels_on_launch"] = t.Asks("labels"),
            ["ask_skip_tags_on_launch"] = t.Asks("skip_tags"),
            ["ask_tags_on_launch"] = t.Asks("tags"),
            ["skip_tags"] = Prompt(t, "skip_tags"),
            ["job_tags"] = Prompt(t, "job_tags"),
        };
    }
}
