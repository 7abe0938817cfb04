using System;
using System.Collections.Generic;

namespace AapPacker.Models;

/// <summary>A launched job or workflow job, as <c>Start-AapJobTemplate</c> returns it.</summary>
public sealed class AapJob
{
    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary><c>job</c> or <c>workflow_job</c>.</summary>
    public string Type { get; set; } = "job";

    /// <summary>The job's name (the template name).</summary>
    public string Name { get; set; } = "";

    /// <summary>The status last seen: <c>new, pending, waiting, running, successful, failed, error, canceled</c>.</summary>
    public string Status { get; set; } = "pending";

    /// <summary>The job's output page in the AAP web UI.</summary>
    public string? Url { get; set; }

    /// <summary>The API path, e.g. <c>/api/v2/jobs/42/</c>.</summary>
    public string ApiPath { get; set; } = "";

    /// <summary>The template it was launched from.</summary>
    public int? TemplateId { get; set; }

    /// <summary>The inventory it runs against.</summary>
    public int? InventoryId { get; set; }

    /// <summary>The credential ids the job carries (job templates only).</summary>
    public IList<int> CredentialIds { get; set; } = new List<int>();

    /// <summary>The build it belongs to, when launched by AapPacker for a build.</summary>
    public string? BuildId { get; set; }

    /// <summary>When it was launched.</summary>
    public DateTimeOffset? LaunchedAt { get; set; }

    /// <summary>Field names AAP ignored at launch (AapPacker cancels such jobs; this stays empty on a healthy job).</summary>
    public IList<string> IgnoredFields { get; set; } = new List<string>();

    /// <summary>True when the status is terminal.</summary>
    public bool IsFinished => Status == "successful" || Status == "failed" || Status == "error" || Status == "canceled";

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Id} '{Name}' ({Status})";
}
