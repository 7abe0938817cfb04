using System;
using AapPacker.Models;

namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// AAP's spelling of a <see cref="JobKind"/> (<c>job</c>, <c>workflow_job</c>) and its collections. The only place
/// those words are written; the models' <c>Type</c> texts are made here too.
/// </summary>
internal static class JobKinds
{
    private const string JobName = "job";
    private const string WorkflowJobName = "workflow_job";

    /// <summary>AAP's type name: <c>job</c> or <c>workflow_job</c> (what <c>AapJob.Type</c> shows).</summary>
    public static string ApiName(this JobKind kind) => kind == JobKind.WorkflowJob ? WorkflowJobName : JobName;

    /// <summary>Words for messages: <c>job</c> or <c>workflow job</c>.</summary>
    public static string Noun(this JobKind kind) => kind == JobKind.WorkflowJob ? "workflow job" : "job";

    /// <summary>The kind AAP's type name stands for; anything but <c>workflow_job</c> is a job.</summary>
    public static JobKind Parse(string? apiName)
        => string.Equals(apiName, WorkflowJobName, StringComparison.Ordinal) ? JobKind.WorkflowJob : JobKind.Job;

    /// <summary>The kind AAP's type name stands for, or null for another unified job type (a project update, an approval ...).</summary>
    public static JobKind? TryParse(string? apiName)
        => apiName switch
        {
            JobName => JobKind.Job,
            WorkflowJobName => JobKind.WorkflowJob,
            _ => null,
        };

    /// <summary>The kind of a job the module handed out.</summary>
    public static JobKind KindOf(this AapJob job) => Parse(job?.Type);

    /// <summary>The kind of a job result.</summary>
    public static JobKind KindOf(this AapJobResult result) => Parse(result?.Type);

    /// <summary>The kind of job a template makes: a workflow job template's workflow job, else a job.</summary>
    public static JobKind OfTemplate(bool isWorkflowTemplate) => isWorkflowTemplate ? JobKind.WorkflowJob : JobKind.Job;

    /// <summary>The collection: <c>jobs/</c> or <c>workflow_jobs/</c>.</summary>
    internal static string Collection(this JobKind kind) => kind == JobKind.WorkflowJob ? "workflow_jobs/" : "jobs/";
}
