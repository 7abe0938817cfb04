using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;
using AapPacker.Simulator.Runner;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>jobs/</c>: list, detail (status from the simulated clock), cancel, host summaries.</summary>
internal static class Jobs
{
    public static void Map(ApiRouter r)
    {
        r.Get("jobs/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "Job", Rbac.Readable(req, req.Store.Jobs.Values).Select(j => ToJson(req, j, detail: false)), "id",
                () => ToJson(req, Prototype, detail: false)).ToList())));
        r.Get("jobs/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req), detail: true)));
        r.Get("jobs/{id}/cancel/", req => ApiResult.Ok(new JsonObject
        {
            ["can_cancel"] = JobTimeline.IsActive(new JobTimeline(Find(req)).Status(req.Now)),
        }));
        r.Post("jobs/{id}/cancel/", Cancel);
        r.Delete("jobs/{id}/", Delete);
        r.Get("jobs/{id}/job_host_summaries/", HostSummaries);
    }

    public static Job Find(ApiRequest req)
        => req.Store.Jobs.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("Job"));

    private static ApiResult Cancel(ApiRequest req)
    {
        var job = Find(req);
        if (!JobTimeline.IsActive(new JobTimeline(job).Status(req.Now)))
        {
            return ApiResult.MethodNotAllowed("POST");
        }
        job.CancelRequested ??= req.Now;
        job.Run?.Cancel();
        return ApiResult.Empty(202);
    }

    /// <summary>
    /// <c>UnifiedJobDeletionMixin.destroy</c> (<c>awx/api/views/mixin.py</c>): 403 while the job's workflow is active,
    /// 403 "Cannot delete running job resource." while the job is, 400 while its events are still being saved (for a
    /// minute after it finished), else 204 and the job is gone (its workflow node keeps a null job).
    /// </summary>
    private static ApiResult Delete(ApiRequest req)
    {
        var job = Find(req);
        if (job.WorkflowJobId is { } wfId && req.Store.WorkflowJobs.GetValueOrDefault(wfId) is { } wf
            && JobTimeline.IsActive(WorkflowEngine.Status(wf, req.Now)))
        {
            return ApiResult.Detail(403, "Cannot delete job resource when associated workflow job is running.");
        }
        var timeline = new JobTimeline(job);
        if (JobTimeline.IsActive(timeline.Status(req.Now)))
        {
            return ApiResult.Detail(403, "Cannot delete running job resource.");
        }
        if (!timeline.EventProcessingFinished(req.Now) && timeline.Finished(req.Now) is { } finished && req.Now < finished.AddMinutes(1))
        {
            return ApiResult.Error(400, "Job has not finished processing events.");
        }
        req.Store.Jobs.Remove(job.Id);
        foreach (var node in req.Store.WorkflowJobs.Values.SelectMany(w => w.Nodes).Where(n => n.JobId == job.Id))
        {
            node.JobId = null;
        }
        return ApiResult.Empty(204);
    }

    private static ApiResult HostSummaries(ApiRequest req)
    {
        var job = Find(req);
        var plan = JobOutput.Of(job);
        var recorded = plan as RecordedOutput;
        var timeline = new JobTimeline(job, recorded);
        var items = new List<JsonObject>();
        // Summaries are written when playbook_on_stats is saved (a real run: once it has ended).
        if (recorded is not null ? recorded.FinishedAt is not null : timeline.FinalEventCount == plan.Count && timeline.VisibleAt(plan.Count) <= req.Now)
        {
            for (var i = 0; i < plan.Hosts.Count; i++)
            {
                var (ok, changed, failures) = plan.HostCounts(i);
                var name = plan.Hosts[i];
                var host = req.Store.Hosts.Values.FirstOrDefault(h => h.InventoryId == job.InventoryId && h.Name == name);
                var id = (job.Id * 1000) + i + 1;
                items.Add(new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "job_host_summary",
                    ["url"] = req.Prefix + $"job_host_summaries/{id}/",
                    ["related"] = new JsonObject { ["job"] = req.Url("jobs", job.Id), ["host"] = host is null ? null : req.Url("hosts", host.Id) },
                    ["summary_fields"] = new JsonObject
                    {
                        ["host"] = host is null ? null : new JsonObject { ["id"] = host.Id, ["name"] = host.Name, ["description"] = host.Description },
                        ["job"] = new JsonObject { ["id"] = job.Id, ["name"] = job.Name, ["status"] = timeline.Status(req.Now), ["failed"] = IsFailed(timeline.Status(req.Now)), ["elapsed"] = timeline.Elapsed(req.Now), ["type"] = "job" },
                    },
                    ["created"] = Wire.Time(timeline.VisibleAt(plan.Count)),
                    ["modified"] = Wire.Time(timeline.VisibleAt(plan.Count)),
                    ["job"] = job.Id,
                    ["host"] = host?.Id,
                    ["constructed_host"] = null,
                    ["host_name"] = name,
                    ["changed"] = changed,
                    ["dark"] = 0,
                    ["failures"] = failures,
                    ["ok"] = ok,
                    ["processed"] = 1,
                    ["skipped"] = 0,
                    ["failed"] = failures > 0,
                    ["ignored"] = 0,
                    ["rescued"] = 0,
                });
            }
        }
        return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "JobHostSummary", items, "host_name").ToList()));
    }

    /// <summary>A blank job, for checking filter keys on an empty list.</summary>
    public static Job Prototype { get; } = new() { Name = "", Script = new JobScript() };

    public static bool IsFailed(string status) => status is "failed" or "error" or "canceled";

    public static JsonObject ToJson(ApiRequest req, Job job, bool detail)
    {
        var now = req.Now;
        var timeline = new JobTimeline(job);
        var status = timeline.Status(now);
        var store = req.Store;
        var template = store.JobTemplates.GetValueOrDefault(job.JobTemplateId);
        var inventory = job.InventoryId is { } iid ? store.Inventories.GetValueOrDefault(iid) : null;
        var org = store.Organizations.GetValueOrDefault(job.OrganizationId);
        var user = store.Users.FirstOrDefault(u => u.Id == job.LaunchedByUserId);
        var terminal = !JobTimeline.IsActive(status);
        var ranPlaybook = terminal && status is "successful" or "failed";
        var summary = new JsonObject
        {
            ["organization"] = org is null ? null : Organizations.Summary(org),
            ["inventory"] = inventory is null ? null : new JsonObject
            {
                ["id"] = inventory.Id,
                ["name"] = inventory.Name,
                ["description"] = inventory.Description,
                ["has_active_failures"] = false,
                ["total_hosts"] = store.Hosts.Values.Count(h => h.InventoryId == inventory.Id),
                ["kind"] = inventory.Kind,
                ["organization_id"] = inventory.OrganizationId,
            },
            ["project"] = new JsonObject { ["id"] = job.ProjectId, ["name"] = store.Projects.GetValueOrDefault(job.ProjectId)?.Name, ["description"] = "", ["status"] = "successful", ["scm_type"] = "git" },
            ["job_template"] = template is null ? null : new JsonObject { ["id"] = template.Id, ["name"] = template.Name, ["description"] = template.Description },
            ["unified_job_template"] = template is null ? null : new JsonObject { ["id"] = template.Id, ["name"] = template.Name, ["description"] = template.Description, ["unified_job_type"] = "job" },
            ["instance_group"] = new JsonObject { ["id"] = 1, ["name"] = "default", ["is_container_group"] = false },
            ["created_by"] = user is null ? null : new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["first_name"] = "", ["last_name"] = "" },
            ["user_capabilities"] = new JsonObject { ["delete"] = true, ["start"] = true },
            ["labels"] = new JsonObject { ["count"] = 0, ["results"] = new JsonArray() },
            ["credentials"] = Wire.Array(job.CredentialIds.Select(id => store.Credentials.GetValueOrDefault(id)).OfType<Credential>()
                .Select(c => (JsonNode?)CredentialSummary(req, c))),
        };
        if (job.WorkflowJobId is { } wfId && store.WorkflowJobs.GetValueOrDefault(wfId) is { } wf)
        {
            var wfStatus = WorkflowEngine.Status(wf, now);
            summary["source_workflow_job"] = new JsonObject
            {
                ["id"] = wf.Id,
                ["name"] = wf.Name,
                ["description"] = "",
                ["status"] = wfStatus,
                ["failed"] = IsFailed(wfStatus),
                ["elapsed"] = WorkflowJobs.Elapsed(wf, now),
            };
        }
        var o = new JsonObject
        {
            ["id"] = job.Id,
            ["type"] = "job",
            ["url"] = req.Url("jobs", job.Id),
            ["related"] = new JsonObject
            {
                ["created_by"] = user is null ? null : req.Url("users", user.Id),
                ["labels"] = req.Url("jobs", job.Id, "labels"),
                ["inventory"] = job.InventoryId is null ? null : req.Url("inventories", job.InventoryId),
                ["project"] = req.Url("projects", job.ProjectId),
                ["organization"] = req.Url("organizations", job.OrganizationId),
                ["credentials"] = req.Url("jobs", job.Id, "credentials"),
                ["unified_job_template"] = req.Url("job_templates", job.JobTemplateId),
                ["stdout"] = req.Url("jobs", job.Id, "stdout"),
                ["job_events"] = req.Url("jobs", job.Id, "job_events"),
                ["job_host_summaries"] = req.Url("jobs", job.Id, "job_host_summaries"),
                ["activity_stream"] = req.Url("jobs", job.Id, "activity_stream"),
                ["notifications"] = req.Url("jobs", job.Id, "notifications"),
                ["job_template"] = req.Url("job_templates", job.JobTemplateId),
                ["cancel"] = req.Url("jobs", job.Id, "cancel"),
                ["relaunch"] = req.Url("jobs", job.Id, "relaunch"),
            },
            ["summary_fields"] = summary,
            ["created"] = Wire.Time(job.Created),
            ["modified"] = Wire.Time(terminal ? timeline.FinishAt : job.Created),
            ["name"] = job.Name,
            ["description"] = "",
            ["job_type"] = job.JobType,
            ["inventory"] = job.InventoryId,
            ["project"] = job.ProjectId,
            ["playbook"] = job.Playbook,
            ["scm_branch"] = job.ScmBranch,
            ["forks"] = job.Forks,
            ["limit"] = job.Limit,
            ["verbosity"] = job.Verbosity,
            ["extra_vars"] = job.ExtraVars,
            ["job_tags"] = job.JobTags,
            ["force_handlers"] = false,
            ["skip_tags"] = job.SkipTags,
            ["start_at_task"] = "",
            ["timeout"] = job.Timeout,
            ["use_fact_cache"] = false,
            ["organization"] = job.OrganizationId,
            ["unified_job_template"] = job.JobTemplateId,
            ["launch_type"] = job.LaunchType,
            ["status"] = status,
            ["execution_environment"] = null,
            ["failed"] = IsFailed(status),
            ["started"] = Wire.Time(timeline.Started(now)),
            ["finished"] = Wire.Time(timeline.Finished(now)),
            ["canceled_on"] = Wire.Time(timeline.CanceledOn(now)),
            ["elapsed"] = timeline.Elapsed(now),
        };
        if (detail)
        {
            o["job_args"] = timeline.Started(now) is null ? ""
                : job.Run is { } run ? System.Text.Json.JsonSerializer.Serialize(run.Arguments.Prepend("ansible-playbook"))
                : $"[\"ansible-playbook\", \"-i\", \"/runner/inventory/hosts\", \"-e\", \"@/runner/env/extravars\", \"{job.Playbook}\"]";
            o["job_cwd"] = timeline.Started(now) is null ? "" : "/runner/project";
            o["job_env"] = new JsonObject();
        }
        o["job_explanation"] = status == "error" ? "Job terminated due to error" : "";
        o["execution_node"] = timeline.Started(now) is null ? "" : "sim-controller-1";
        o["controller_node"] = timeline.Started(now) is null ? "" : "sim-controller-1";
        if (detail)
        {
            o["result_traceback"] = status == "error" ? "Traceback (most recent call last):\n  File \"runner.py\", line 1, in run\nRuntimeError: simulated error\n" : "";
            o["event_processing_finished"] = timeline.EventProcessingFinished(now);
        }
        o["launched_by"] = user is null ? new JsonObject() : new JsonObject { ["id"] = user.Id, ["name"] = user.Username, ["type"] = "user", ["url"] = req.Url("users", user.Id) };
        o["work_unit_id"] = timeline.Started(now) is null ? null : $"sim{job.Id:D6}";
        o["job_template"] = job.JobTemplateId;
        o["passwords_needed_to_start"] = new JsonArray();
        o["allow_simultaneous"] = false;
        o["artifacts"] = ranPlaybook ? job.Script.Artifacts.DeepClone() : new JsonObject();
        o["scm_revision"] = "8f3b0a5c2d1e4f6a7b8c9d0e1f2a3b4c5d6e7f80";
        o["instance_group"] = 1;
        o["diff_mode"] = job.DiffMode;
        o["job_slice_number"] = job.JobSliceNumber;
        o["job_slice_count"] = job.JobSliceCount;
        o["webhook_service"] = "";
        o["webhook_credential"] = null;
        o["webhook_guid"] = "";
        o["host_status_counts"] = ranPlaybook ? HostStatusCounts(job) : new JsonObject();
        o["playbook_counts"] = new JsonObject { ["play_count"] = timeline.EmittedCount(now) >= 2 ? 1 : 0, ["task_count"] = 0 };
        o["custom_virtualenv"] = null;
        return o;
    }

    private static JsonObject CredentialSummary(ApiRequest req, Credential c)
    {
        var type = req.Store.CredentialTypes[c.CredentialTypeId];
        return new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["description"] = c.Description, ["kind"] = type.Namespace, ["cloud"] = type.Kind == "cloud" };
    }

    private static JsonObject HostStatusCounts(Job job)
    {
        var plan = JobOutput.Of(job);
        int ok = 0, changed = 0, failures = 0;
        for (var i = 0; i < plan.Hosts.Count; i++)
        {
            var c = plan.HostCounts(i);
            if (c.Failures > 0)
            {
                failures++;
            }
            else if (c.Changed > 0)
            {
                changed++;
            }
            else
            {
                ok++;
            }
        }
        var o = new JsonObject();
        if (ok > 0)
        {
            o["ok"] = ok;
        }
        if (changed > 0)
        {
            o["changed"] = changed;
        }
        if (failures > 0)
        {
            o["failures"] = failures;
        }
        return o;
    }
}
