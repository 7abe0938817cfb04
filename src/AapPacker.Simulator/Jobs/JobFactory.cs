using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Jobs;

/// <summary>Creates jobs (from a launch, a workflow node or a slice) with the next unified job id.</summary>
internal static class JobFactory
{
    /// <summary>The enabled hosts of an inventory, by id (the order a playbook sees them).</summary>
    public static List<string> HostsOf(SimStore store, int? inventoryId)
        => inventoryId is null ? [] : store.Hosts.Values.Where(h => h.InventoryId == inventoryId && h.Enabled).Select(h => h.Name).ToList();

    public static Job Create(
        SimStore store,
        JobTemplate template,
        JobLaunchParams p,
        DateTimeOffset created,
        string launchType = "manual",
        int? workflowJobId = null,
        int? workflowNodeId = null,
        int sliceNumber = 0,
        int sliceCount = 1,
        IReadOnlyList<string>? hosts = null)
    {
        var id = store.NextId("unified_job");
        var job = new Job
        {
            Id = id,
            Name = template.Name,
            JobTemplateId = template.Id,
            OrganizationId = template.OrganizationId,
            InventoryId = p.InventoryId,
            ProjectId = template.ProjectId,
            Playbook = template.Playbook,
            CredentialIds = p.CredentialIds.ToList(),
            ExtraVars = p.ExtraVars,
            JobType = p.JobType,
            Limit = p.Limit,
            Verbosity = p.Verbosity,
            Forks = p.Forks,
            Timeout = p.Timeout,
            DiffMode = p.DiffMode,
            JobTags = p.JobTags,
            SkipTags = p.SkipTags,
            ScmBranch = p.ScmBranch,
            LaunchType = launchType,
            LaunchedByUserId = p.LaunchedByUserId,
            Created = created,
            Script = template.Script,
            HostNames = hosts ?? HostsOf(store, p.InventoryId),
            WorkflowJobId = workflowJobId,
            WorkflowNodeId = workflowNodeId,
            JobSliceNumber = sliceNumber,
            JobSliceCount = sliceCount,
        };
        if (template.Script.PlaybookFile is { } playbook && store.Runner is { } runner)
        {
            job.Run = runner.Start(store, job, playbook);
        }
        store.Jobs[id] = job;
        return job;
    }
}
