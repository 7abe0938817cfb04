namespace AapPacker.Simulator.Runner;

/// <summary>How the simulator runs real playbooks (from <see cref="SimulatorOptions"/>).</summary>
internal sealed record RunnerSettings
{
    /// <summary>The ansible-playbook executable (a name on PATH or a path).</summary>
    public string AnsiblePlaybook { get; init; } = "ansible-playbook";
}
