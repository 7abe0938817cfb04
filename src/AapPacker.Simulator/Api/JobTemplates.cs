using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>job_templates/</c>: list, detail and <c>GET launch/</c> (what the template prompts for).</summary>
internal static class JobTemplates
{
    public static void Map(ApiRouter r)
    {
        r.Get("job_templates/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "JobTemplate", Rbac.Readable(req, req.Store.JobTemplates.Values).Select(t => ToJson(req, t)), "name").ToList())));
        r.Get("job_templates/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Get("job_templates/{id}/launch/", req => Rbac.Detail(req, LaunchInfo(req, Find(req))));
        r.Post("job_templates/{id}/launch/", req => JobLaunch.Launch(req, Find(req)));
        r.Get("job_templates/{id}/survey_spec/", req => Rbac.Detail(req, SurveySpec(Find(req).Survey)));
        r.Get("job_templates/{id}/credentials/", req =>
        {
            var template = Find(req);
            return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "Credential",
                template.CredentialIds.Select(id => req.Store.Credentials.GetValueOrDefault(id)).OfType<Credential>().Select(c => Credentials.ToJson(req, c)), "name",
                () => Credentials.ToJson(req, new Credential { Name = "", CredentialTypeId = req.Store.CredentialTypes.Keys.First() })).ToList()));
        });
        r.Get("job_templates/{id}/jobs/", req =>
        {
            var template = Find(req);
            return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "Job",
                req.Store.Jobs.Values.Where(j => j.JobTemplateId == template.Id).Select(j => Jobs.ToJson(req, j, detail: false)), "id",
                () => Jobs.ToJson(req, Jobs.Prototype, detail: false)).ToList()));
        });
    }

    public static JobTemplate Find(ApiRequest req)
        => req.Store.JobTemplates.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("JobTemplate"));

    /// <summary>The launch-time passwords the template's credentials ask for.</summary>
    public static List<string> PasswordsNeeded(ApiRequest req, IEnumerable<int> credentialIds)
    {
        var needed = new List<string>();
        foreach (var id in credentialIds)
        {
            if (req.Store.Credentials.GetValueOrDefault(id) is not { } c)
            {
                continue;
            }
            foreach (var (key, value) in c.Inputs)
            {
                if (value?.GetValueKind() != System.Text.Json.JsonValueKind.String || value.GetValue<string>() != "ASK")
                {
                    continue;
                }
                var vaultId = c.Inputs["vault_id"]?.GetValue<string>();
                needed.Add(key switch
                {
                    "password" => "ssh_password",
                    "vault_password" when !string.IsNullOrEmpty(vaultId) => "vault_password." + vaultId,
                    _ => key,
                });
            }
        }
        return needed;
    }

    private static JsonObject LaunchInfo(ApiRequest req, JobTemplate t)
    {
        var passwords = PasswordsNeeded(req, t.CredentialIds);
        var required = t.Survey.IsActive ? t.Survey.Questions.Where(q => q.Required).Select(q => q.Variable).ToList() : [];
        var info = new JsonObject
        {
            ["can_start_without_user_input"] = t.Ask.Count == 0 && passwords.Count == 0 && required.Count == 0,
            ["passwords_needed_to_start"] = Wire.Array(passwords.Select(p => (JsonNode?)p)),
        };
        foreach (var (_, flag) in Prompts.JobTemplateFields)
        {
            info[$"ask_{flag}_on_launch"] = t.Asks(flag);
        }
        info["survey_enabled"] = t.Survey.IsActive;
        info["variables_needed_to_start"] = Wire.Array(required.Select(v => (JsonNode?)v));
        info["credential_needed_to_start"] = false;
        info["inventory_needed_to_start"] = t.InventoryId is null;
        info["job_template_data"] = new JsonObject { ["name"] = t.Name, ["id"] = t.Id, ["description"] = t.Description };
        var inventory = t.InventoryId is { } iid ? req.Store.Inventories.GetValueOrDefault(iid) : null;
        var defaults = new JsonObject
        {
            ["extra_vars"] = t.ExtraVars,
            ["diff_mode"] = t.DiffMode,
            ["limit"] = t.Limit,
            ["job_tags"] = t.JobTags,
            ["skip_tags"] = t.SkipTags,
            ["job_type"] = t.JobType,
            ["verbosity"] = t.Verbosity,
            ["scm_branch"] = t.ScmBranch,
            ["inventory"] = new JsonObject { ["name"] = inventory?.Name, ["id"] = inventory?.Id },
        };
        var credentials = t.CredentialIds.Select(id => req.Store.Credentials.GetValueOrDefault(id)).OfType<Credential>().ToList();
        if (credentials.Count > 0)
        {
            defaults["credentials"] = Wire.Array(credentials.Select(c =>
            {
                var o = new JsonObject
                {
                    ["id"] = c.Id,
                    ["name"] = c.Name,
                    ["credential_type"] = c.CredentialTypeId,
                    ["passwords_needed"] = Wire.Array(PasswordsNeeded(req, [c.Id]).Select(p => (JsonNode?)p)),
                };
                if (req.Store.CredentialTypes[c.CredentialTypeId].Kind == "vault")
                {
                    o["vault_id"] = c.Inputs["vault_id"]?.DeepClone();
                }
                return (JsonNode?)o;
            }));
        }
        defaults["execution_environment"] = new JsonObject();
        defaults["forks"] = t.Forks;
        defaults["job_slice_count"] = t.JobSliceCount;
        defaults["timeout"] = t.Timeout;
        defaults["instance_groups"] = new JsonArray();
        info["defaults"] = defaults;
        return info;
    }

    /// <summary>The survey as <c>survey_spec/</c> shows it (<c>{}</c> when there is none).</summary>
    public static JsonObject SurveySpec(Survey survey)
    {
        if (survey.Questions.Count == 0)
        {
            return [];
        }
        return new JsonObject
        {
            ["name"] = "",
            ["description"] = "",
            ["spec"] = Wire.Array(survey.Questions.Select(q => (JsonNode?)new JsonObject
            {
                ["question_name"] = q.QuestionName,
                ["question_description"] = "",
                ["required"] = q.Required,
                ["type"] = q.Type,
                ["variable"] = q.Variable,
                ["min"] = 0,
                ["max"] = 1024,
                ["default"] = q.Type == "password" && q.Default is not null ? "$encrypted$" : q.Default?.DeepClone() ?? "",
                ["choices"] = q.Choices.Count == 0 ? "" : string.Join("\n", q.Choices),
                ["new_question"] = false,
            })),
        };
    }

    public static JsonObject ToJson(ApiRequest req, JobTemplate t)
    {
        var org = req.Store.Organizations.GetValueOrDefault(t.OrganizationId);
        var inventory = t.InventoryId is { } iid ? req.Store.Inventories.GetValueOrDefault(iid) : null;
        var project = req.Store.Projects.GetValueOrDefault(t.ProjectId);
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["type"] = "job_template",
            ["url"] = req.Url("job_templates", t.Id),
            ["related"] = new JsonObject
            {
                ["launch"] = req.Url("job_templates", t.Id, "launch"),
                ["jobs"] = req.Url("job_templates", t.Id, "jobs"),
                ["credentials"] = req.Url("job_templates", t.Id, "credentials"),
                ["survey_spec"] = req.Url("job_templates", t.Id, "survey_spec"),
            },
            ["summary_fields"] = new JsonObject
            {
                ["organization"] = org is null ? null : Organizations.Summary(org),
                ["inventory"] = inventory is null ? null : new JsonObject { ["id"] = inventory.Id, ["name"] = inventory.Name, ["description"] = inventory.Description },
                ["project"] = project is null ? null : new JsonObject { ["id"] = project.Id, ["name"] = project.Name, ["description"] = "", ["status"] = "successful", ["scm_type"] = "git" },
                ["credentials"] = Wire.Array(t.CredentialIds.Select(id => req.Store.Credentials.GetValueOrDefault(id)).OfType<Credential>().Select(c => (JsonNode?)Credentials.Summary(req, c))),
                ["user_capabilities"] = new JsonObject { ["edit"] = true, ["delete"] = true, ["start"] = true, ["schedule"] = true, ["copy"] = true },
            },
            ["created"] = Wire.Time(t.Created),
            ["modified"] = Wire.Time(t.Modified),
            ["name"] = t.Name,
            ["description"] = t.Description,
            ["job_type"] = t.JobType,
            ["inventory"] = t.InventoryId,
            ["project"] = t.ProjectId,
            ["playbook"] = t.Playbook,
            ["scm_branch"] = t.ScmBranch,
            ["forks"] = t.Forks,
            ["limit"] = t.Limit,
            ["verbosity"] = t.Verbosity,
            ["extra_vars"] = t.ExtraVars,
            ["job_tags"] = t.JobTags,
            ["force_handlers"] = t.ForceHandlers,
            ["skip_tags"] = t.SkipTags,
            ["start_at_task"] = t.StartAtTask,
            ["timeout"] = t.Timeout,
            ["use_fact_cache"] = t.UseFactCache,
            ["organization"] = t.OrganizationId,
            ["status"] = "never updated",
            ["execution_environment"] = null,
            ["host_config_key"] = t.HostConfigKey,
        };
        foreach (var (_, flag) in Prompts.JobTemplateFields)
        {
            o[$"ask_{flag}_on_launch"] = t.Asks(flag);
        }
        o["survey_enabled"] = t.Survey.Enabled;
        o["become_enabled"] = t.BecomeEnabled;
        o["diff_mode"] = t.DiffMode;
        o["allow_simultaneous"] = t.AllowSimultaneous;
        o["custom_virtualenv"] = null;
        o["job_slice_count"] = t.JobSliceCount;
        o["webhook_service"] = t.WebhookService;
        o["webhook_credential"] = t.WebhookCredentialId;
        o["prevent_instance_group_fallback"] = t.PreventInstanceGroupFallback;
        return o;
    }
}
