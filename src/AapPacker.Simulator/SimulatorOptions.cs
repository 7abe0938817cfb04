using System.Security.Cryptography.X509Certificates;

namespace AapPacker.Simulator;

/// <summary>How to run the simulator.</summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary><c>gateway</c> (AAP 2.5+: /api/ with apis + /api/controller/v2/) or <c>awx</c> (/api/v2/).</summary>
    public string Layout { get; set; } = "gateway";

    /// <summary>Scenario JSON file (templates, prompts, outcomes, users). Null = the built-in default scenario.</summary>
    public string? ScenarioPath { get; set; }

    /// <summary>When set, serve HTTPS with this certificate (must have a private key).</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>Simulated seconds per real second for job progression (1 = real time; 10 = ten times faster).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>When true, simulated time only moves through <c>POST /_sim/clock/advance</c>.</summary>
    public bool ManualClock { get; set; }

    /// <summary>
    /// Real-runner mode: a job template whose <c>playbook</c> names a file in this directory runs it with
    /// ansible-playbook (as does any template with <c>playbookFile</c> in the scenario).
    /// </summary>
    public string? PlaybookDirectory { get; set; }

    /// <summary>The ansible-playbook executable real runs use (a name on PATH or a path).</summary>
    public string AnsiblePlaybookPath { get; set; } = "ansible-playbook";
}
