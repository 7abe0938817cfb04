namespace AapPacker.Models;

/// <summary>One host's play recap (from <c>job_host_summaries</c>).</summary>
public sealed class AapHostRecap
{
    /// <summary>The host name.</summary>
    public string Host { get; set; } = "";

    /// <summary>Tasks that ran without change.</summary>
    public int Ok { get; set; }

    /// <summary>Tasks that changed something.</summary>
    public int Changed { get; set; }

    /// <summary>Failed tasks.</summary>
    public int Failed { get; set; }

    /// <summary>Unreachable (AAP calls it <c>dark</c>).</summary>
    public int Unreachable { get; set; }

    /// <summary>Skipped tasks.</summary>
    public int Skipped { get; set; }

    /// <summary>Rescued tasks.</summary>
    public int Rescued { get; set; }

    /// <summary>Ignored failures.</summary>
    public int Ignored { get; set; }

    /// <inheritdoc />
    public override string ToString()
        => $"{Host} : ok={Ok} changed={Changed} unreachable={Unreachable} failed={Failed} skipped={Skipped} rescued={Rescued} ignored={Ignored}";
}
