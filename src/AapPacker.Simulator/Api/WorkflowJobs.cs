using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>workflow_jobs/</c>: detail, cancel (cascades to spawned jobs) and <c>workflow_nodes/</c>.</summary>
internal static class WorkflowJobs
{
    public static void Map(ApiRouter r)
    {
        r.Get("workflow_jobs/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "WorkflowJob", Rbac.Readable(req, req.Store.WorkflowJobs.Values).Select(w => ToJson(req, w)), "id",
                () => ToJson(req, new WorkflowJob { Name = "" })).ToList())));
        r.Get("workflow_jobs/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Get("workflow_jobs/{id}/cancel/", req => ApiResult.Ok(new JsonObject
        {
            ["can_cancel"] = JobTimeline.IsActive(WorkflowEngine.Status(Find(req), req.Now)),
        }));
        r.Post("workflow_jobs/{id}/cancel/", req =>
        {
            var wf = Find(req);
            if (!JobTimeline.IsActive(WorkflowEngine.Status(wf, req.Now)))
            {
                return ApiResult.MethodNotAllowed("POST");
            }
            WorkflowEngine.Cancel(req.Store, wf, req.Now);
            return ApiResult.Empty(202);
        });
        r.Delete("workflow_jobs/{id}/", req =>
        {
            // UnifiedJobDeletionMixin.destroy (awx/api/views/mixin.py); a workflow job's events are always processed.
            var wf = Find(req);
            if (JobTimeline.IsActive(WorkflowEngine.Status(wf, req.Now)))
            {
                return ApiResult.Detail(403, "Cannot delete running job resource.");
            }
            req.Store.WorkflowJobs.Remove(wf.Id);
            return ApiResult.Empty(204);
        });
        r.Get("workflow_jobs/{id}/workflow_nodes/", req =>
        {
            var wf = Find(req);
            return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "WorkflowJobNode", wf.Nodes.Select(n => NodeToJson(req, wf, n)), "id").ToList()));
        });
    }

    private static WorkflowJob Find(ApiRequest req)
        => req.Store.WorkflowJobs.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("WorkflowJob"));

    /// <summary>A sliced job template launch: one workflow, one node per slice, hosts dealt round-robin.</summary>
    public static WorkflowJob CreateSliced(SimStore store, JobTemplate t, JobLaunchParams launch, IReadOnlyList<string> hosts, int slices, DateTimeOffset now)
    {
        var wf = new WorkflowJob
        {
            Id = store.NextId("unified_job"),
            Name = t.Name,
            JobTemplateId = t.Id,
            OrganizationId = t.OrganizationId,
            InventoryId = launch.InventoryId,
            ExtraVars = launch.ExtraVars,
            Limit = launch.Limit,
            LaunchedByUserId = launch.LaunchedByUserId,
            Created = now,
            SliceLaunch = launch with { JobSliceCount = slices },
        };
        for (var s = 1; s <= slices; s++)
        {
            var slice = s;
            wf.Nodes.Add(new WorkflowJobNode
            {
                Id = store.NextId("workflow_job_node"),
                JobTemplateId = t.Id,
                Identifier = $"slice-{s}",
                Created = now,
                SliceNumber = s,
                SliceHosts = hosts.Where((_, i) => i % slices == slice - 1).ToList(),
            });
        }
        store.WorkflowJobs[wf.Id] = wf;
        return wf;
    }

    public static WorkflowJob CreateFromTemplate(SimStore store, WorkflowTemplate t, int? inventoryId, string extraVars, string limit, int userId, DateTimeOffset now)
    {
        var wf = new WorkflowJob
        {
            Id = store.NextId("unified_job"),
            Name = t.Name,
            WorkflowTemplateId = t.Id,
            OrganizationId = t.OrganizationId ?? 0,
            InventoryId = inventoryId,
            ExtraVars = extraVars,
            Limit = limit,
            LaunchedByUserId = userId,
            Created = now,
        };
        foreach (var n in t.Nodes)
        {
            wf.Nodes.Add(new WorkflowJobNode
            {
                Id = store.NextId("workflow_job_node"),
                JobTemplateId = n.JobTemplateId,
                Identifier = n.Identifier,
                AfterIdentifier = n.AfterIdentifier,
                Created = now,
            });
        }
        store.WorkflowJobs[wf.Id] = wf;
        return wf;
    }

    public static double Elapsed(WorkflowJob wf, DateTimeOffset now)
    {
        if (now < wf.RunningAt || (wf.CancelRequested is { } tc && tc < wf.RunningAt))
        {
            return 0.0;
        }
        var end = wf.FinishedAt is { } f && now >= f ? f : now;
        return Math.Round((end - wf.RunningAt).TotalSeconds, 3);
    }

    public static JsonObject ToJson(ApiRequest req, WorkflowJob wf)
    {
        var now = req.Now;
        var status = WorkflowEngine.Status(wf, now);
        var store = req.Store;
        var org = store.Organizations.GetValueOrDefault(wf.OrganizationId);
        var user = store.Users.FirstOrDefault(u => u.Id == wf.LaunchedByUserId);
        var wfjt = wf.WorkflowTemplateId is { } wid ? store.WorkflowTemplates.GetValueOrDefault(wid) : null;
        var jt = wf.JobTemplateId is { } jid ? store.JobTemplates.GetValueOrDefault(jid) : null;
        var templateId = wf.WorkflowTemplateId ?? wf.JobTemplateId;
        var started = now >= wf.RunningAt && !(wf.CancelRequested is { } tc && tc < wf.RunningAt) ? wf.RunningAt : (DateTimeOffset?)null;
        var finished = wf.FinishedAt is { } f && now >= f ? f : (DateTimeOffset?)null;
        var summary = new JsonObject
        {
            ["organization"] = org is null ? null : Organizations.Summary(org),
            ["unified_job_template"] = new JsonObject
            {
                ["id"] = templateId,
                ["name"] = wfjt?.Name ?? jt?.Name,
                ["description"] = wfjt?.Description ?? jt?.Description,
                ["unified_job_type"] = wf.IsSlicedJob ? "job" : "workflow_job",
            },
            ["created_by"] = user is null ? null : new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["first_name"] = "", ["last_name"] = "" },
            ["user_capabilities"] = new JsonObject { ["delete"] = true, ["start"] = true },
            ["labels"] = new JsonObject { ["count"] = 0, ["results"] = new JsonArray() },
        };
        if (wfjt is not null)
        {
            summary["workflow_job_template"] = new JsonObject { ["id"] = wfjt.Id, ["name"] = wfjt.Name, ["description"] = wfjt.Description };
        }
        if (jt is not null)
        {
            summary["job_template"] = new JsonObject { ["id"] = jt.Id, ["name"] = jt.Name, ["description"] = jt.Description };
        }
        if (wf.InventoryId is { } iid && store.Inventories.GetValueOrDefault(iid) is { } inventory)
        {
            summary["inventory"] = new JsonObject { ["id"] = inventory.Id, ["name"] = inventory.Name, ["description"] = inventory.Description, ["kind"] = inventory.Kind };
        }
        return new JsonObject
        {
            ["id"] = wf.Id,
            ["type"] = "workflow_job",
            ["url"] = req.Url("workflow_jobs", wf.Id),
            ["related"] = new JsonObject
            {
                ["workflow_nodes"] = req.Url("workflow_jobs", wf.Id, "workflow_nodes"),
                ["cancel"] = req.Url("workflow_jobs", wf.Id, "cancel"),
                ["relaunch"] = req.Url("workflow_jobs", wf.Id, "relaunch"),
                ["labels"] = req.Url("workflow_jobs", wf.Id, "labels"),
                ["unified_job_template"] = wf.IsSlicedJob ? req.Url("job_templates", templateId) : req.Url("workflow_job_templates", templateId),
            },
            ["summary_fields"] = summary,
            ["created"] = Wire.Time(wf.Created),
            ["modified"] = Wire.Time(finished ?? wf.Created),
            ["name"] = wf.Name,
            ["description"] = wfjt?.Description ?? jt?.Description ?? "",
            ["unified_job_template"] = templateId,
            ["launch_type"] = "manual",
            ["status"] = status,
            ["failed"] = Jobs.IsFailed(status),
            ["started"] = Wire.Time(started),
            ["finished"] = Wire.Time(finished),
            ["canceled_on"] = Wire.Time(wf.CancelRequested is { } c && now >= c ? c : null),
            ["elapsed"] = Elapsed(wf, now),
            ["job_explanation"] = finished is null ? "" : wf.JobExplanation,
            ["launched_by"] = user is null ? new JsonObject() : new JsonObject { ["id"] = user.Id, ["name"] = user.Username, ["type"] = "user", ["url"] = req.Url("users", user.Id) },
            ["work_unit_id"] = null,
            ["workflow_job_template"] = wf.WorkflowTemplateId,
            ["extra_vars"] = wf.ExtraVars,
            ["allow_simultaneous"] = false,
            ["job_template"] = wf.JobTemplateId,
            ["is_sliced_job"] = wf.IsSlicedJob,
            ["inventory"] = wf.InventoryId,
            ["limit"] = wf.Limit,
            ["scm_branch"] = wf.ScmBranch,
            ["webhook_service"] = "",
            ["webhook_credential"] = null,
            ["webhook_guid"] = "",
            ["skip_tags"] = wf.SkipTags,
            ["job_tags"] = wf.JobTags,
        };
    }

    private static JsonObject NodeToJson(ApiRequest req, WorkflowJob wf, WorkflowJobNode node)
    {
        var template = req.Store.JobTemplates.GetValueOrDefault(node.JobTemplateId);
        var job = node.JobId is { } jid ? req.Store.Jobs.GetValueOrDefault(jid) : null;
        var summary = new JsonObject
        {
            ["workflow_job"] = new JsonObject { ["id"] = wf.Id, ["name"] = wf.Name, ["description"] = "" },
            ["unified_job_template"] = template is null ? null : new JsonObject
            {
                ["id"] = template.Id,
                ["name"] = template.Name,
                ["description"] = template.Description,
                ["unified_job_type"] = "job",
            },
        };
        if (job is not null)
        {
            var timeline = new JobTimeline(job);
            var status = timeline.Status(req.Now);
            summary["job"] = new JsonObject
            {
                ["id"] = job.Id,
                ["name"] = job.Name,
                ["description"] = "",
                ["status"] = status,
                ["failed"] = Jobs.IsFailed(status),
                ["elapsed"] = timeline.Elapsed(req.Now),
                ["type"] = "job",
                ["canceled_on"] = Wire.Time(timeline.CanceledOn(req.Now)),
            };
        }
        var children = wf.Nodes.Where(n => n.AfterIdentifier == node.Identifier).Select(n => n.Id);
        return new JsonObject
        {
            ["id"] = node.Id,
            ["type"] = "workflow_job_node",
            ["url"] = req.Prefix + $"workflow_job_nodes/{node.Id}/",
            ["related"] = new JsonObject
            {
                ["workflow_job"] = req.Url("workflow_jobs", wf.Id),
                ["unified_job_template"] = req.Url("job_templates", node.JobTemplateId),
                ["job"] = job is null ? null : req.Url("jobs", job.Id),
            },
            ["summary_fields"] = summary,
            ["created"] = Wire.Time(node.Created),
            ["modified"] = Wire.Time(node.Created),
            ["extra_data"] = new JsonObject(),
            ["inventory"] = null,
            ["scm_branch"] = null,
            ["job_type"] = null,
            ["job_tags"] = null,
            ["skip_tags"] = null,
            ["limit"] = null,
            ["diff_mode"] = null,
            ["verbosity"] = null,
            ["execution_environment"] = null,
            ["forks"] = null,
            ["job_slice_count"] = null,
            ["timeout"] = null,
            ["job"] = job?.Id,
            ["workflow_job"] = wf.Id,
            ["unified_job_template"] = node.JobTemplateId,
            ["success_nodes"] = Wire.Ints(children),
            ["failure_nodes"] = new JsonArray(),
            ["always_nodes"] = new JsonArray(),
            ["all_parents_must_converge"] = false,
            ["do_not_run"] = node.DoNotRun,
            ["identifier"] = node.Identifier,
        };
    }
}
