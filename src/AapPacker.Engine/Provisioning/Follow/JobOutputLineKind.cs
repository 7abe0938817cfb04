namespace AapPacker.Engine.Provisioning;

/// <summary>What a <see cref="JobOutputLine"/> is.</summary>
internal enum JobOutputLineKind
{
    /// <summary>A line of the playbook's output.</summary>
    Output,

    /// <summary>A header AapPacker adds (e.g. one per workflow node).</summary>
    Header,

    /// <summary>A note AapPacker adds (e.g. lines skipped because AAP never stored them).</summary>
    Notice,
}
