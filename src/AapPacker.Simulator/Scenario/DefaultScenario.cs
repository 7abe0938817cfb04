using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Scenario;

/// <summary>The built-in scenario (the contract's default seed).</summary>
internal static class DefaultScenario
{
    private static readonly List<string> Prompts = ["inventory", "credential", "variables"];

    public static List<ScenarioUser> Users() =>
    [
        new() { Username = "admin", Password = "password", Superuser = true, Tokens = [new() { Token = "sim-admin-token", Scope = "write" }] },
        new() { Username = "reader", Password = "readerpass", Auditor = true, Tokens = [new() { Token = "sim-read-token", Scope = "read" }] },
        new() { Username = "nobody", Password = "nobodypass", NoRights = true },
    ];

    public static List<ScenarioOrganization> Organizations() =>
    [
        new() { Name = "Default" },
        new() { Name = "Engineering", Description = "Platform engineering" },
    ];

    public static List<ScenarioInventory> Inventories() =>
    [
        new() { Name = "Demo Inventory", Organization = "Default", Hosts = ["localhost"] },
    ];

    public static List<ScenarioCredential> Credentials() =>
    [
        new() { Name = "Demo Credential", Kind = "ssh", Inputs = new JsonObject { ["username"] = "admin" } },
        new() { Name = "Demo Vault", Kind = "vault", Inputs = new JsonObject { ["vault_password"] = "demo-vault-secret", ["vault_id"] = "" } },
    ];

    public static List<ScenarioJobTemplate> JobTemplates() =>
    [
        new()
        {
            Name = "Baseline", Description = "Baseline image hardening", Ask = [.. Prompts], EventCount = 20, RunSeconds = 10,
            ExtraVars = "---\nimage_role: base", Artifacts = new JsonObject { ["image_hardened"] = true, ["baseline_version"] = "1.4" },
        },
        new() { Name = "Failing Playbook", Ask = [.. Prompts], Outcome = "failed", EventCount = 16, RunSeconds = 8 },
        new() { Name = "No Prompts", EventCount = 12, RunSeconds = 6 },
        new()
        {
            Name = "Survey Template", Ask = [.. Prompts], EventCount = 14, RunSeconds = 6,
            Survey = new ScenarioSurvey
            {
                Questions =
                [
                    new() { Variable = "target_os", QuestionName = "Target OS", Required = true, Type = "multiplechoice", Default = "linux", Choices = ["linux", "windows"] },
                    new() { Variable = "image_owner", QuestionName = "Owner", Required = false, Type = "text", Default = "packer" },
                ],
            },
        },
        new() { Name = "With Vault", Ask = [.. Prompts], Credentials = ["Demo Credential", "Demo Vault"], EventCount = 20, RunSeconds = 10 },
        new() { Name = "Sliced", Ask = [.. Prompts], SliceCount = 2, EventCount = 16, RunSeconds = 8 },
        new() { Name = "Long Quiet", Ask = [.. Prompts], EventCount = 8, RunSeconds = 300 },
        new() { Name = "Chatty", Ask = [.. Prompts], EventCount = 400, EventStdoutBytes = 1500, RunSeconds = 40 },
    ];

    public static List<ScenarioWorkflowTemplate> WorkflowTemplates() =>
    [
        new()
        {
            Name = "Image Pipeline", Ask = ["inventory", "variables"],
            Nodes = [new() { Identifier = "baseline", JobTemplate = "Baseline" }],
        },
        new()
        {
            Name = "Strict Workflow",
            Nodes = [new() { Identifier = "no-prompts", JobTemplate = "No Prompts" }],
        },
    ];

    public static ScenarioDocument Build() => new()
    {
        Users = Users(),
        Organizations = Organizations(),
        Inventories = Inventories(),
        Credentials = Credentials(),
        JobTemplates = JobTemplates(),
        WorkflowTemplates = WorkflowTemplates(),
    };
}
