using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Api;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Runner;

/// <summary>
/// The simulator's execution node for job templates bound to a real playbook file: copies what the job needs
/// from the store (the inventory's hosts with their variables, the Machine credential, the extra vars) and starts
/// <see cref="PlaybookRun"/>. Runs still going are killed on reset and when the simulator stops.
/// </summary>
internal sealed class PlaybookRunner(RunnerSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<PlaybookRun, byte> _active = new();

    /// <summary>Starts the job's run. The caller holds the store lock.</summary>
    public PlaybookRun Start(SimStore store, Job job, string playbookPath)
    {
        var run = PlaybookRun.Start(Inputs(store, job, playbookPath), settings, time);
        _active[run] = 0;
        _ = run.Completion.ContinueWith(_ => _active.TryRemove(run, out byte _), TaskScheduler.Default);
        return run;
    }

    /// <summary>Kills every run still going and waits until their workspaces are removed.</summary>
    public async Task StopAllAsync()
    {
        var runs = _active.Keys.ToList();
        foreach (var run in runs)
        {
            run.Cancel();
        }
        await Task.WhenAll(runs.Select(r => r.Completion)).ConfigureAwait(false);
    }

    private static RunInputs Inputs(SimStore store, Job job, string playbookPath)
    {
        var hosts = job.HostNames
            .Select(name => store.Hosts.Values.FirstOrDefault(h => h.InventoryId == job.InventoryId && h.Name == name))
            .OfType<Store.Host>()
            .Select(h => (h.Name, Variables.ParseOrEmpty(h.Variables)))
            .ToList();
        var inventory = job.InventoryId is { } id ? store.Inventories.GetValueOrDefault(id) : null;
        var machine = job.CredentialIds
            .Select(cid => store.Credentials.GetValueOrDefault(cid))
            .OfType<Credential>()
            .FirstOrDefault(c => store.CredentialTypes.GetValueOrDefault(c.CredentialTypeId)?.Kind == "ssh");
        var inputs = machine?.Inputs ?? [];
        var secretVars = new JsonObject();
        Copy(inputs, "password", secretVars, "ansible_password");
        Copy(inputs, "become_method", secretVars, "ansible_become_method");
        Copy(inputs, "become_username", secretVars, "ansible_become_user");
        Copy(inputs, "become_password", secretVars, "ansible_become_password");
        return new RunInputs
        {
            PlaybookPath = playbookPath,
            Hosts = hosts,
            InventoryVars = Variables.ParseOrEmpty(inventory?.Variables ?? ""),
            ExtraVars = Variables.ParseOrEmpty(job.ExtraVars),
            UserName = Text(inputs, "username"),
            PrivateKey = Text(inputs, "ssh_key_data"),
            SecretVars = secretVars,
            Limit = job.Limit,
            Verbosity = job.Verbosity,
            Forks = job.Forks,
            Check = job.JobType == "check",
            Diff = job.DiffMode,
            Tags = job.JobTags,
            SkipTags = job.SkipTags,
        };
    }

    private static void Copy(JsonObject from, string key, JsonObject to, string variable)
    {
        if (Text(from, key) is { } value)
        {
            to[variable] = value;
        }
    }

    private static string? Text(JsonObject inputs, string key)
        => inputs[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
