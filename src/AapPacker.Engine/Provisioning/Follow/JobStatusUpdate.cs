using System;

namespace AapPacker.Engine.Provisioning;

/// <summary>A job's status as the follower saw it (for Write-Progress).</summary>
public sealed class JobStatusUpdate
{
    /// <summary>Creates an update.</summary>
    public JobStatusUpdate(int jobId, string type, string name, string status, TimeSpan waited, bool changed)
    {
        JobId = jobId;
        Type = type;
        Name = name;
        Status = status;
        Waited = waited;
        Changed = changed;
    }

    /// <summary>The job id.</summary>
    public int JobId { get; }

    /// <summary><c>job</c> or <c>workflow_job</c>.</summary>
    public string Type { get; }

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
