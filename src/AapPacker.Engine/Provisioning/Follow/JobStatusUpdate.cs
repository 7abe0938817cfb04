using System;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>A job's status as the follower saw it (for Write-Progress).</summary>
internal sealed class JobStatusUpdate
{
    /// <summary>Creates an update.</summary>
    public JobStatusUpdate(int jobId, JobKind kind, string name, string status, TimeSpan waited, bool changed)
    {
        JobId = jobId;
        Kind = kind;
        Name = name;
        Status = status;
        Waited = waited;
        Changed = changed;
    }

    /// <summary>The job id.</summary>
    public int JobId { get; }

    /// <summary>Job or workflow job.</summary>
    public JobKind Kind { get; }

    /// <summary>AAP's type name: <c>job</c> or <c>workflow_job</c>.</summary>
    public string Type => Kind.ApiName();

    /// <summary>The job name.</summary>
    public string Name { get; }

    /// <summary>The status.</summary>
    public string Status { get; }

    /// <summary>How long the follower has waited so far.</summary>
    public TimeSpan Waited { get; }

    /// <summary>True when the status differs from the previous update.</summary>
    public bool Changed { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {JobId} '{Name}': {Status}";
}
