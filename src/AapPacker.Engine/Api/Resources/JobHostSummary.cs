namespace AapPacker.Engine.Api.Resources;

/// <summary>One host's line of a job's recap (<c>jobs/N/job_host_summaries/</c>).</summary>
internal sealed class JobHostSummary
{
    /// <summary>The host name.</summary>
    public string Host { get; set; } = "";

    /// <summary>Tasks ok.</summary>
    public int Ok { get; set; }

    /// <summary>Tasks changed.</summary>
    public int Changed { get; set; }

    /// <summary>Tasks failed.</summary>
    public int Failures { get; set; }

    /// <summary>Unreachable (AAP's <c>dark</c>).</summary>
    public int Unreachable { get; set; }

    /// <summary>Tasks skipped.</summary>
    public int Skipped { get; set; }

    /// <summary>Tasks rescued.</summary>
    public int Rescued { get; set; }

    /// <summary>Failures ignored.</summary>
    public int Ignored { get; set; }
}
