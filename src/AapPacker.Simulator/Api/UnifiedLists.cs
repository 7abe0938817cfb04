using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// <c>unified_jobs/</c> and <c>unified_job_templates/</c> (<c>UnifiedJobList</c>, <c>UnifiedJobTemplateList</c> in
/// <c>awx/api/views/__init__.py</c>): every job and workflow job, every job and workflow template, each shown by its own
/// serializer (<c>UnifiedJobListSerializer.get_sub_serializer</c>) so <c>type</c> tells them apart. Both are read-only.
/// </summary>
internal static class UnifiedLists
{
    public static void Map(ApiRouter r)
    {
        r.Get("unified_jobs/", req =>
        {
            var jobs = Rbac.Readable(req, req.Store.Jobs.Values).Select(j => Jobs.ToJson(req, j, detail: false))
                .Concat(Rbac.Readable(req, req.Store.WorkflowJobs.Values).Select(w => WorkflowJobs.ToJson(req, w)));
            return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "UnifiedJob", jobs, "id",
                () => Jobs.ToJson(req, Jobs.Prototype, detail: false)).ToList()));
        });
        r.Get("unified_job_templates/", req =>
        {
            var templates = Rbac.Readable(req, req.Store.JobTemplates.Values).Select(t => JobTemplates.ToJson(req, t))
                .Concat(Rbac.Readable(req, req.Store.WorkflowTemplates.Values).Select(t => WorkflowTemplates.ToJson(req, t)));
            return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "UnifiedJobTemplate", templates, "name").ToList()));
        });
    }
}
