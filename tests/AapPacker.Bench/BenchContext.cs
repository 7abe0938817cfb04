using System.Collections;
using System.Net;

namespace AapPacker.Bench;

/// <summary>What every figure needs: the settings, the simulator, the report, and the ids the baseline is configured with.</summary>
internal sealed class BenchContext
{
    public required BenchSettings Settings { get; init; }
    public required BenchEnvironment Environment { get; init; }
    public required BenchReport Report { get; init; }

    /// <summary>The Default organization's id (the plugin is configured with ids, not names).</summary>
    public int OrganizationId { get; set; }

    /// <summary>The fictional build machine's password (the simulator runs no SSH).</summary>
    public const string TargetPassword = "bench-only-password";

    public static string NewBuildId() => "bench-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The parameters of <see cref="Scripts.Provision"/> and <see cref="Scripts.Pipeline"/>.</summary>
    public IDictionary ScriptParameters(string template) => new Hashtable
    {
        ["Uri"] = Environment.BaseUri.ToString(),
        ["Token"] = new NetworkCredential("", BenchEnvironment.Token).SecurePassword,
        ["Password"] = new NetworkCredential("", TargetPassword).SecurePassword,
        ["BuildId"] = NewBuildId(),
        ["Template"] = template,
    };

    public BaselineClient NewBaseline() => new(Environment.BaseUri, BenchEnvironment.Token);

    public Task<int> TemplateIdAsync(string name) => Environment.IdByNameAsync("job_templates", name);

    /// <summary>Opens <paramref name="count"/> module runspaces (in parallel: each imports the module).</summary>
    public async Task<ModuleRunspace[]> OpenRunspacesAsync(int count)
        => await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => ModuleRunspace.Open(Settings.ModulePath))));
}
