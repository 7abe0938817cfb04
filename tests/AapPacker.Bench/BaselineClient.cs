using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AapPacker.Bench;

/// <summary>What one baseline lifecycle did, with the instants the figures need.</summary>
internal sealed record BaselineRun(
    int JobId,
    string Status,
    DateTimeOffset Started,
    DateTimeOffset Detected,
    DateTimeOffset OutputWritten,
    int OutputLines,
    DateTimeOffset Ended,
    bool CleanedUp);

/// <summary>
/// The original Packer AWX/Tower provisioner's algorithm, written from its documented behaviour for comparison:
/// every call one after the other; the Machine credential type looked up by name on each build; a temporary
/// inventory, host and credential; launch; the job status polled every 10 s, the first check only after a full
/// interval; the whole output fetched once at the end with <c>stdout/?format=txt</c>; deletes right after, once
/// each (no retry). The fixed <c>/api/v2/</c> prefix is why the bench runs the simulator in the AWX layout.
/// </summary>
internal sealed class BaselineClient : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    private static readonly string[] Terminal = ["successful", "failed", "error", "canceled"];
    private readonly HttpClient _http;

    public BaselineClient(Uri server, string token)
    {
        _http = new HttpClient { BaseAddress = new Uri(server, "/api/v2/"), Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// One build. <paramref name="lineSink"/> receives the output text once it is fetched (null: discarded, as
    /// Packer would print it). The template and organization are ids, as in the plugin's configuration.
    /// </summary>
    public async Task<BaselineRun> RunAsync(int jobTemplateId, int organizationId, string buildName, Action<string>? lineSink = null)
    {
        var started = DateTimeOffset.UtcNow;
        var types = await SendAsync(HttpMethod.Get, "credential_types/?name=" + Uri.EscapeDataString("Machine"), null);
        var machineType = types["results"]![0]!["id"]!.GetValue<int>();
        var inventory = await SendAsync(HttpMethod.Post, "inventories/", new JsonObject { ["name"] = "packer-" + buildName, ["organization"] = organizationId });
        var inventoryId = inventory["id"]!.GetValue<int>();
        await SendAsync(HttpMethod.Post, "inventories/" + Id(inventoryId) + "/hosts/", new JsonObject { ["name"] = "10.0.0.5", ["variables"] = "ansible_host: 10.0.0.5" });
        var credential = await SendAsync(HttpMethod.Post, "credentials/", new JsonObject
        {
            ["name"] = "packer-" + buildName,
            ["organization"] = organizationId,
            ["credential_type"] = machineType,
            ["inputs"] = new JsonObject { ["username"] = "ec2-user", ["password"] = BenchContext.TargetPassword },
        });
        var credentialId = credential["id"]!.GetValue<int>();
        var launch = await SendAsync(HttpMethod.Post, "job_templates/" + Id(jobTemplateId) + "/launch/", new JsonObject
        {
            ["inventory"] = inventoryId,
            ["credentials"] = new JsonArray(credentialId),
        });
        var jobId = launch["id"]!.GetValue<int>();

        string status;
        do
        {
            await Task.Delay(PollInterval);
            var job = await SendAsync(HttpMethod.Get, "jobs/" + Id(jobId) + "/", null);
            status = job["status"]!.GetValue<string>();
        }
        while (!Terminal.Contains(status));

        var detected = DateTimeOffset.UtcNow;
        var text = await GetTextAsync("jobs/" + Id(jobId) + "/stdout/?format=txt");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lineSink != null)
        {
            foreach (var line in lines)
            {
                lineSink(line);
            }
        }

        var written = DateTimeOffset.UtcNow;
        var cleaned = await DeleteAsync("credentials/" + Id(credentialId) + "/") & await DeleteAsync("inventories/" + Id(inventoryId) + "/");
        return new BaselineRun(jobId, status, started, detected, written, lines.Length, DateTimeOffset.UtcNow, cleaned);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body != null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Baseline {method} {path} answered {(int)response.StatusCode}: {content}");
        }

        return JsonNode.Parse(content)!;
    }

    private async Task<string> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>One DELETE, as the plugin does; false when AAP refused it (the object stays behind).</summary>
    private async Task<bool> DeleteAsync(string path)
    {
        using var response = await _http.DeleteAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
