using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Runner;

/// <summary>
/// Everything a real run needs, copied from the store at launch (under its lock), so the run never reads the store
/// again: the hosts with their variables, the Machine credential's values and the job's options.
/// </summary>
internal sealed record RunInputs
{
    public required string PlaybookPath { get; init; }
    public IReadOnlyList<(string Name, JsonObject Vars)> Hosts { get; init; } = [];
    public JsonObject InventoryVars { get; init; } = [];
    public JsonObject ExtraVars { get; init; } = [];
    /// <summary>The Machine credential's user name (ansible-playbook <c>--user</c>; host variables still win).</summary>
    public string? UserName { get; init; }
    public string? PrivateKey { get; init; }
    /// <summary>ansible_password and the become values, passed as an extra-vars file, never on the command line.</summary>
    public JsonObject SecretVars { get; init; } = [];
    public string Limit { get; init; } = "";
    public int Verbosity { get; init; }
    public int Forks { get; init; }
    public bool Check { get; init; }
    public bool Diff { get; init; }
    public string Tags { get; init; } = "";
    public string SkipTags { get; init; } = "";
}
