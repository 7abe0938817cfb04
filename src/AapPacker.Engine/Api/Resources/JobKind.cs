namespace AapPacker.Engine.Api.Resources;

/// <summary>What a launch makes and what AapPacker follows: a job (from a job template) or a workflow job.</summary>
internal enum JobKind
{
    /// <summary>A job: AAP's <c>job</c>, under <c>jobs/</c>.</summary>
    Job,

    /// <summary>A workflow job: AAP's <c>workflow_job</c>, under <c>workflow_jobs/</c> (a sliced job template makes one too).</summary>
    WorkflowJob,
}
