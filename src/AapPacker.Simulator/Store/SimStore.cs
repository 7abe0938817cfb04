using System.Text.Json.Nodes;
using AapPacker.Simulator.Auth;

namespace AapPacker.Simulator.Store;

/// <summary>
/// Everything the simulated controller knows. Not thread-safe by itself: every reader and writer holds
/// <see cref="Sync"/> (Kestrel serves requests concurrently).
/// </summary>
internal sealed class SimStore
{
    private readonly Dictionary<string, int> _sequences = new(StringComparer.Ordinal);

    public object Sync { get; } = new();

    public List<SimUser> Users { get; } = [];
    public List<SimToken> Tokens { get; } = [];

    /// <summary>Login sessions (<c>awx_sessionid</c> cookie value → user id) and the CSRF secrets handed out.</summary>
    public Dictionary<string, int> Sessions { get; } = new(StringComparer.Ordinal);
    public HashSet<string> CsrfSecrets { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<int, Organization> Organizations { get; } = [];
    public SortedDictionary<int, CredentialType> CredentialTypes { get; } = [];
    public SortedDictionary<int, Project> Projects { get; } = [];
    public SortedDictionary<int, Inventory> Inventories { get; } = [];
    public SortedDictionary<int, Host> Hosts { get; } = [];
    public SortedDictionary<int, Group> Groups { get; } = [];
    public SortedDictionary<int, Credential> Credentials { get; } = [];
    public SortedDictionary<int, JobTemplate> JobTemplates { get; } = [];
    public SortedDictionary<int, WorkflowTemplate> WorkflowTemplates { get; } = [];
    public SortedDictionary<int, Job> Jobs { get; } = [];
    public SortedDictionary<int, WorkflowJob> WorkflowJobs { get; } = [];
    public List<LaunchRecord> Launches { get; } = [];

    /// <summary>Runs the jobs of templates bound to a real playbook (real-runner mode).</summary>
    public Runner.PlaybookRunner? Runner { get; set; }

    /// <summary>Seconds an inventory stays <c>pending_deletion</c> before it is gone.</summary>
    public TimeSpan InventoryDeletionDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Next id of a table. Jobs and workflow jobs share "unified_job"; templates and projects "unified_job_template".</summary>
    public int NextId(string table)
    {
        _sequences.TryGetValue(table, out var last);
        _sequences[table] = last + 1;
        return last + 1;
    }

    /// <summary>Make the next id of <paramref name="table"/> at least <paramref name="next"/>.</summary>
    public void SkipIdsTo(string table, int next)
    {
        _sequences.TryGetValue(table, out var last);
        if (last < next - 1)
        {
            _sequences[table] = next - 1;
        }
    }

    public void Clear()
    {
        _sequences.Clear();
        Users.Clear();
        Tokens.Clear();
        Sessions.Clear();
        CsrfSecrets.Clear();
        Organizations.Clear();
        CredentialTypes.Clear();
        Projects.Clear();
        Inventories.Clear();
        Hosts.Clear();
        Groups.Clear();
        Credentials.Clear();
        JobTemplates.Clear();
        WorkflowTemplates.Clear();
        Jobs.Clear();
        WorkflowJobs.Clear();
        Launches.Clear();
    }

    /// <summary>Objects created through the API that still exist (pending-deletion inventories count; hosts and groups too).</summary>
    public int UserObjectCount =>
        Inventories.Values.Count(i => !i.IsSeed) + Hosts.Values.Count(h => !h.IsSeed) + Groups.Values.Count(g => !g.IsSeed) + Credentials.Values.Count(c => !c.IsSeed);

    /// <summary>Finish asynchronous inventory deletions whose time has come (hosts and groups cascade).</summary>
    public void PurgeDeletedInventories(DateTimeOffset now)
    {
        foreach (var inventory in Inventories.Values.Where(i => i.DeletionRequested is { } t && now >= t + InventoryDeletionDelay).ToList())
        {
            Inventories.Remove(inventory.Id);
            foreach (var host in Hosts.Values.Where(h => h.InventoryId == inventory.Id).ToList())
            {
                Hosts.Remove(host.Id);
            }
            foreach (var group in Groups.Values.Where(g => g.InventoryId == inventory.Id).ToList())
            {
                Groups.Remove(group.Id);
            }
            foreach (var job in Jobs.Values.Where(j => j.InventoryId == inventory.Id))
            {
                job.InventoryId = null;
            }
            foreach (var wf in WorkflowJobs.Values.Where(w => w.InventoryId == inventory.Id))
            {
                wf.InventoryId = null;
            }
        }
    }

    public static JsonObject Redacted(JsonObject payload)
    {
        var copy = (JsonObject)payload.DeepClone();
        if (copy["credential_passwords"] is JsonObject passwords)
        {
            foreach (var key in passwords.Select(p => p.Key).ToList())
            {
                passwords[key] = "$encrypted$";
            }
        }
        return copy;
    }
}
