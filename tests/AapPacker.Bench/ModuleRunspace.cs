using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AapPacker.Bench;

/// <summary>An Information record with the instant it reached the stream (the cmdlet wrote it).</summary>
internal sealed record TimedRecord(DateTimeOffset At, string Text, IReadOnlyList<string> Tags)
{
    public bool IsJobOutput => Tags.Contains("JobOutput");
}

/// <summary>What one script run returned.</summary>
internal sealed record ScriptRun(Collection<PSObject> Output, List<TimedRecord> Information, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>The job's own output lines in the order written (no group markers or AapPacker notices).</summary>
    public IEnumerable<TimedRecord> JobLines()
        => Information.Where(r => r.IsJobOutput && !r.Text.StartsWith("[AapPacker:", StringComparison.Ordinal));
}

/// <summary>
/// A PowerShell 7.6.9 runspace in this process with the built module imported, as a user's session has it.
/// Used for everything measured inside a session (the import itself is timed in fresh pwsh processes).
/// </summary>
internal sealed class ModuleRunspace : IDisposable
{
    private readonly Runspace _runspace;

    private ModuleRunspace(Runspace runspace) => _runspace = runspace;

    public static ModuleRunspace Open(string manifestPath)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(manifestPath);
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        return new ModuleRunspace(runspace);
    }

    /// <summary>Runs <paramref name="script"/> (a param() block) on a thread-pool thread.</summary>
    public Task<ScriptRun> InvokeAsync(string script, IDictionary parameters) => Task.Run(() => Invoke(script, parameters));

    public ScriptRun Invoke(string script, IDictionary parameters)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script).AddParameters(parameters);
        var information = new List<TimedRecord>();
        ps.Streams.Information.DataAdded += (_, e) =>
        {
            var record = ps.Streams.Information[e.Index];
            information.Add(new TimedRecord(DateTimeOffset.UtcNow, record.MessageData?.ToString() ?? "", record.Tags.ToList()));
        };
        var output = ps.Invoke();
        var errors = ps.Streams.Error.Select(e => e.ToString()).ToList();
        var warnings = ps.Streams.Warning.Select(w => w.Message).ToList();
        return new ScriptRun(output, information, errors, warnings);
    }

    public void Dispose() => _runspace.Dispose();
}
