using AapPacker.Simulator.Api;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Jobs;

/// <summary>
/// Moves the time-driven parts of the store forward before each request (the store lock is held): finishes
/// pending inventory deletions, spawns workflow node jobs when their parents succeed, settles workflows.
/// Spawned jobs are back-dated to the simulated instant they would have been created.
/// </summary>
internal static class WorkflowEngine
{
    public static void Advance(SimStore store, DateTimeOffset now)
    {
        store.PurgeDeletedInventories(now);
        foreach (var wf in store.WorkflowJobs.Values.Where(w => w.FinishedAt is null))
        {
            Advance(store, wf, now);
        }
    }

    private static void Advance(SimStore store, WorkflowJob wf, DateTimeOffset now)
    {
        if (wf.CancelRequested is { } early && early < wf.RunningAt)
        {
            wf.FinishedAt = early;
            wf.FinalStatus = "canceled";
            foreach (var node in wf.Nodes)
            {
                node.DoNotRun = true;
            }
            return;
        }
        if (now < wf.RunningAt)
        {
            return;
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var node in wf.Nodes.Where(n => n.JobId is null && !n.DoNotRun))
            {
                DateTimeOffset spawnAt;
                if (node.AfterIdentifier is null)
                {
                    spawnAt = wf.RunningAt;
                }
                else
                {
                    var parent = wf.Nodes.First(n => n.Identifier == node.AfterIdentifier);
                    if (parent.DoNotRun)
                    {
                        node.DoNotRun = true;
                        changed = true;
                        continue;
                    }
                    if (parent.JobId is not { } parentJobId)
                    {
                        continue;
                    }
                    var timeline = new JobTimeline(store.Jobs[parentJobId]);
                    if (timeline.Finished(now) is not { } parentFinished)
                    {
                        continue;
                    }
                    if (timeline.Status(now) != "successful")
                    {
                        node.DoNotRun = true;
                        changed = true;
                        continue;
                    }
                    spawnAt = parentFinished;
                }
                if (wf.CancelRequested is { } tc && tc <= spawnAt)
                {
                    node.DoNotRun = true;
                    changed = true;
                    continue;
                }
                if (spawnAt <= now)
                {
                    Spawn(store, wf, node, spawnAt);
                    changed = true;
                }
            }
        }
        while (changed);
        Settle(store, wf, now);
    }

    private static void Spawn(SimStore store, WorkflowJob wf, WorkflowJobNode node, DateTimeOffset at)
    {
        var template = store.JobTemplates[node.JobTemplateId];
        JobLaunchParams p;
        if (wf.SliceLaunch is { } slice)
        {
            p = slice;
        }
        else
        {
            var vars = Variables.ParseOrEmpty(template.ExtraVars);
            foreach (var (k, v) in Variables.ParseOrEmpty(wf.ExtraVars))
            {
                vars[k] = v?.DeepClone();
            }
            p = new JobLaunchParams
            {
                InventoryId = template.Asks("inventory") && wf.InventoryId is not null ? wf.InventoryId : template.InventoryId,
                CredentialIds = template.CredentialIds.ToList(),
                ExtraVars = Variables.PythonDumps(vars),
                JobType = template.JobType,
                Limit = template.Asks("limit") ? wf.Limit : "",
                LaunchedByUserId = wf.LaunchedByUserId,
            };
        }
        var job = JobFactory.Create(store, template, p, at, "workflow", wf.Id, node.Id,
            wf.IsSlicedJob ? node.SliceNumber : 0, wf.IsSlicedJob ? wf.Nodes.Count : 1, node.SliceHosts);
        if (wf.CancelRequested is { } tc && tc >= at)
        {
            job.CancelRequested = tc;
        }
        node.JobId = job.Id;
    }

    private static void Settle(SimStore store, WorkflowJob wf, DateTimeOffset now)
    {
        var jobs = new List<(Job Job, JobTimeline Timeline)>();
        foreach (var node in wf.Nodes)
        {
            if (node.DoNotRun)
            {
                continue;
            }
            if (node.JobId is not { } id)
            {
                return;
            }
            var timeline = new JobTimeline(store.Jobs[id]);
            if (timeline.Finished(now) is null)
            {
                return;
            }
            jobs.Add((store.Jobs[id], timeline));
        }
        wf.FinishedAt = jobs.Count == 0 ? wf.RunningAt : jobs.Max(j => j.Timeline.FinishAt);
        if (wf.CancelRequested is not null)
        {
            wf.FinalStatus = "canceled";
        }
        else if (jobs.Any(j => j.Timeline.FinalStatus != "successful"))
        {
            wf.FinalStatus = "failed";
            wf.JobExplanation = "No error handling paths found, marking workflow as failed";
        }
        else
        {
            wf.FinalStatus = "successful";
        }
    }

    public static string Status(WorkflowJob wf, DateTimeOffset now)
    {
        if (wf.FinishedAt is { } f && now >= f)
        {
            return wf.FinalStatus ?? "successful";
        }
        return now < wf.RunningAt ? "pending" : "running";
    }

    /// <summary>Cancel a workflow and the jobs it has spawned.</summary>
    public static void Cancel(SimStore store, WorkflowJob wf, DateTimeOffset now)
    {
        wf.CancelRequested ??= now;
        foreach (var node in wf.Nodes.Where(n => n.JobId is not null))
        {
            var job = store.Jobs[node.JobId!.Value];
            if (JobTimeline.IsActive(new JobTimeline(job).Status(now)))
            {
                job.CancelRequested ??= now;
            }
        }
        Advance(store, wf, now);
    }

}
