using System;
using System.Collections.Generic;
using System.Text.Json;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>A job or workflow job as AAP shows it (a detail, a list item or a launch answer).</summary>
internal sealed class JobRecord
{
    /// <summary>The job id.</summary>
    public int Id { get; set; }

    /// <summary>Job or workflow job.</summary>
    public JobKind Kind { get; set; }

    /// <summary>The name (the template's).</summary>
    public string Name { get; set; } = "";

    /// <summary>AAP's status (<c>pending</c>, <c>running</c>, <c>successful</c> ...); empty when not given.</summary>
    public string Status { get; set; } = "";

    /// <summary>AAP's <c>failed</c> flag.</summary>
    public bool Failed { get; set; }

    /// <summary>Seconds run.</summary>
    public double Elapsed { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? Started { get; set; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? Finished { get; set; }

    /// <summary>Why it ended as it did, when AAP says.</summary>
    public string JobExplanation { get; set; } = "";

    /// <summary>The inventory it runs against (null once that inventory is deleted).</summary>
    public int? InventoryId { get; set; }

    /// <summary>The description of that inventory, when AAP includes it.</summary>
    public string? InventoryDescription { get; set; }

    /// <summary>The template it was launched from (job template or workflow job template).</summary>
    public int? TemplateId { get; set; }

    /// <summary>Its API path as AAP gives it, e.g. <c>/api/v2/jobs/42/</c>; null when not given.</summary>
    public string? ApiPath { get; set; }

    /// <summary>True once AAP has stored all the job's events.</summary>
    public bool EventProcessingFinished { get; set; }

    /// <summary>Credentials the job runs with.</summary>
    public IList<int> CredentialIds { get; } = new List<int>();

    /// <summary>Facts the playbook set with <c>set_stats</c>; null when none.</summary>
    public IDictionary<string, object?>? Artifacts { get; set; }

    /// <summary>The collection path of this job (<c>jobs/42/</c> or <c>workflow_jobs/42/</c>).</summary>
    public string DefaultApiPath => Kind.Collection() + Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <inheritdoc />
    public override string ToString() => $"{Kind.Noun()} {Id} '{Name}' ({Status})";

    /// <summary>
    /// Reads a job document or list item of <paramref name="kind"/>'s collection. Null when it has no id.
    /// </summary>
    internal static JobRecord? Read(JsonElement json, JobKind kind) => Read(json, kind, json.Int("id"));

    /// <summary>
    /// Reads a launch answer: it names the job as <c>job</c> or <c>workflow_job</c> (a sliced job template answers a
    /// workflow job); <paramref name="kind"/> applies when the answer says nothing. Null when it names no job.
    /// </summary>
    internal static JobRecord? ReadLaunchAnswer(JsonElement json, JobKind kind)
    {
        int? id = json.Int("workflow_job");
        if (id.HasValue)
        {
            return Read(json, JobKind.WorkflowJob, id);
        }

        var type = json.String("type");
        return Read(json, type is null ? kind : JobKinds.Parse(type), json.Int("job") ?? json.Int("id"));
    }

    private static JobRecord? Read(JsonElement json, JobKind kind, int? id)
    {
        if (id is null)
        {
            return null;
        }

        var job = new JobRecord
        {
            Id = id.Value,
            Kind = kind,
            Name = json.String("name") ?? "",
            Status = json.String("status") ?? "",
            Failed = json.Bool("failed"),
            Elapsed = json.Double("elapsed") ?? 0,
            Created = json.Date("created"),
            Started = json.Date("started"),
            Finished = json.Date("finished"),
            JobExplanation = json.String("job_explanation") ?? "",
            InventoryId = json.Int("inventory"),
            InventoryDescription = json.Path("summary_fields", "inventory")?.String("description"),
            TemplateId = json.Int("job_template") ?? json.Int("workflow_job_template"),
            ApiPath = json.String("url"),
            EventProcessingFinished = json.Bool("event_processing_finished"),
        };
        if (json.Path("summary_fields", "credentials") is { ValueKind: JsonValueKind.Array } credentials)
        {
            foreach (var credential in credentials.EnumerateArray())
            {
                if (credential.Int("id") is int credentialId)
                {
                    job.CredentialIds.Add(credentialId);
                }
            }
        }

        if (json.Property("artifacts") is { ValueKind: JsonValueKind.Object } artifacts
            && JsonValues.FromJson(artifacts) is Dictionary<string, object?> values)
        {
            job.Artifacts = values;
        }

        return job;
    }
}
