using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator;

namespace AapPacker.Bench;

/// <summary>
/// One simulator on loopback (AWX layout, so the baseline's fixed /api/v2/ works too; time scale 1, so simulated
/// timestamps — a job's <c>finished</c>, an event's <c>modified</c> = when it became visible — are wall-clock
/// times this process can compare with its own clock) and the bench's own reads of it.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    public const string Token = "sim-admin-token";
    private readonly RunningSimulator _simulator;
    private readonly HttpClient _http;
    private readonly SimulatorControl _control;

    private BenchEnvironment(RunningSimulator simulator)
    {
        _simulator = simulator;
        _http = new HttpClient { BaseAddress = simulator.BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _control = new SimulatorControl(simulator.BaseUri);
    }

    public Uri BaseUri => _simulator.BaseUri;

    public string ApiRoot => _simulator.ApiRoot;

    public static async Task<BenchEnvironment> StartAsync(string scenarioPath)
    {
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Layout = "awx", Port = 0, ScenarioPath = scenarioPath, TimeScale = 1 });
        return new BenchEnvironment(simulator);
    }

    /// <summary>Back to the seed between figures; also empties the request log.</summary>
    public void Reset() => _simulator.Reset();

    public int UserObjects() => _simulator.GetState()["userObjects"]!.GetValue<int>();

    /// <summary>
    /// The objects one build still has: its inventories (named <c>packer-&lt;build id&gt;-…</c>, also while AAP deletes
    /// them in the background) with their hosts and groups, and its credentials. For a figure whose baseline runs at the same
    /// time, so the baseline's objects in flight are not counted.
    /// </summary>
    public int UserObjects(string buildId)
    {
        var state = _simulator.GetState();
        var prefix = "packer-" + buildId + "-";
        bool Ours(JsonNode? item) => item?["name"]?.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal) == true;
        var inventories = state["inventories"]!.AsArray().Where(Ours).Select(i => i!["id"]!.GetValue<int>()).ToHashSet();
        int Inside(string collection) => state[collection]!.AsArray().Count(item => inventories.Contains(item!["inventory"]!.GetValue<int>()));
        return inventories.Count + Inside("hosts") + Inside("groups") + state["credentials"]!.AsArray().Count(Ours);
    }

    /// <summary>
    /// Waits (bounded) for asynchronous inventory deletions to finish — of every object, or of one build's — and
    /// returns what is still left.
    /// </summary>
    public async Task<int> LeftoversAfterDeletionsAsync(TimeSpan bound, string? buildId = null)
    {
        int Left() => buildId is null ? UserObjects() : UserObjects(buildId);
        var until = DateTimeOffset.UtcNow + bound;
        while (Left() > 0 && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(250);
        }

        return Left();
    }

    public async Task<JsonElement> GetAsync(string apiRelative)
    {
        var path = apiRelative.StartsWith('/') ? apiRelative : ApiRoot + apiRelative;
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async Task<int> IdByNameAsync(string collection, string name)
    {
        var page = await GetAsync(collection + "/?name=" + Uri.EscapeDataString(name));
        return page.GetProperty("results")[0].GetProperty("id").GetInt32();
    }

    /// <summary>When the job was launched and when AAP marked it terminal.</summary>
    public async Task<(DateTimeOffset Created, DateTimeOffset Finished)> JobTimesAsync(int jobId)
    {
        var job = await GetAsync("jobs/" + Id(jobId) + "/");
        return (Date(job, "created"), Date(job, "finished"));
    }

    /// <summary>How many output lines the job has (the last event's end line).</summary>
    public async Task<long> JobLineCountAsync(int jobId)
    {
        var page = await GetAsync("jobs/" + Id(jobId) + "/job_events/?order_by=-start_line&page_size=1");
        return page.GetProperty("results")[0].GetProperty("end_line").GetInt64();
    }

    /// <summary>For each output line (0-based), when the event holding it became visible in the API.</summary>
    public async Task<List<DateTimeOffset>> LineStoredTimesAsync(int jobId)
    {
        var lines = new List<DateTimeOffset>();
        string? next = "jobs/" + Id(jobId) + "/job_events/?order_by=start_line&page_size=200";
        while (next != null)
        {
            var page = await GetAsync(next);
            foreach (var e in page.GetProperty("results").EnumerateArray())
            {
                var start = e.GetProperty("start_line").GetInt32();
                var end = e.GetProperty("end_line").GetInt32();
                var stored = Date(e, "modified");
                for (var line = start; line < end; line++)
                {
                    while (lines.Count <= line)
                    {
                        lines.Add(stored);
                    }

                    lines[line] = stored;
                }
            }

            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }

        return lines;
    }

    /// <summary>The request log since the last reset: method, path, status, and when each request arrived and was answered.</summary>
    public async Task<List<LoggedCall>> RequestsAsync()
        => (await _control.GetRequestsAsync()).Select(r => new LoggedCall(r.Method, r.Path, r.Status, r.At, r.Started ?? r.At, r.Query)).ToList();

    /// <summary>Injects <paramref name="milliseconds"/> of latency into every API request (the simulator's latency fault); 0 removes every fault.</summary>
    public async Task SetLatencyAsync(int milliseconds)
    {
        if (milliseconds <= 0)
        {
            using var cleared = await _http.DeleteAsync(new Uri("_sim/faults", UriKind.Relative));
            cleared.EnsureSuccessStatusCode();
            return;
        }

        var rule = new JsonObject { ["method"] = "*", ["path"] = "^/api/", ["kind"] = "latency", ["latencyMs"] = milliseconds };
        using var content = new StringContent(new JsonObject { ["rules"] = new JsonArray(rule) }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("_sim/faults", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _control.Dispose();
        await _simulator.DisposeAsync();
    }

    private static DateTimeOffset Date(JsonElement item, string name)
        => DateTimeOffset.Parse(item.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
