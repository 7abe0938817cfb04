using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Tests.Support;

/// <summary>An answer from the simulator: status, parsed JSON (if any), raw text, headers.</summary>
public sealed record SimResponse(HttpStatusCode Status, JsonNode? Json, string Text, HttpResponseMessage Message)
{
    public int Code => (int)Status;
    public string? Header(string name)
        => Message.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
         : Message.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;
    public JsonNode this[string key] => Json![key]!;
}

/// <summary>
/// One in-process simulator per test (port 0, manual clock by default) and an HttpClient that, like a careful
/// AAP client, neither follows redirects nor keeps cookies.
/// </summary>
public sealed class SimHarness : IAsyncDisposable
{
    public const string Admin = "bearer:sim-admin-token";
    public const string Reader = "bearer:sim-read-token";
    public const string Anonymous = "none";

    private SimHarness(RunningSimulator sim, HttpClient http)
    {
        Sim = sim;
        Http = http;
        Control = new SimulatorControl(sim.BaseUri);
    }

    public RunningSimulator Sim { get; }
    public HttpClient Http { get; }

    /// <summary>The control endpoints (<c>/_sim/</c>): faults, state, requests, the clock.</summary>
    public SimulatorControl Control { get; }
    public string ApiRoot => Sim.ApiRoot;

    public static async Task<SimHarness> StartAsync(string layout = "awx", bool manualClock = true, string? scenarioPath = null, string? playbookDirectory = null)
    {
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Layout = layout,
            ManualClock = manualClock,
            ScenarioPath = scenarioPath,
            PlaybookDirectory = playbookDirectory,
        });
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        return new SimHarness(sim, new HttpClient(handler) { BaseAddress = sim.BaseUri });
    }

    /// <summary>A path under the controller API root: <c>Api("inventories/")</c>.</summary>
    public string Api(string relative) => ApiRoot + relative;

    public Task<SimResponse> GetAsync(string path, string auth = Admin) => SendAsync(HttpMethod.Get, path, null, auth);

    public Task<SimResponse> PostAsync(string path, object? body, string auth = Admin) => SendAsync(HttpMethod.Post, path, body, auth);

    public Task<SimResponse> DeleteAsync(string path, string auth = Admin) => SendAsync(HttpMethod.Delete, path, null, auth);

    public async Task<SimResponse> SendAsync(HttpMethod method, string path, object? body, string auth = Admin, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (auth.StartsWith("bearer:", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth["bearer:".Length..]);
        }
        else if (auth.StartsWith("basic:", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(auth["basic:".Length..])));
        }
        if (body is not null)
        {
            var text = body switch
            {
                string s => s,
                JsonNode n => n.ToJsonString(),
                _ => System.Text.Json.JsonSerializer.Serialize(body),
            };
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        var response = await Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && raw.Length > 0)
        {
            json = JsonNode.Parse(raw);
        }
        return new SimResponse(response.StatusCode, json, raw, response);
    }

    /// <summary>Move the simulated clock, over HTTP like any test client would.</summary>
    public Task AdvanceAsync(double seconds) => Control.AdvanceClockAsync(seconds);

    public async Task<JsonNode> StateAsync() => JsonNode.Parse((await Control.GetStateAsync()).GetRawText())!;

    public async Task<int> TemplateIdAsync(string name, string kind = "job_templates")
    {
        var r = await GetAsync(Api($"{kind}/?name={Uri.EscapeDataString(name)}"));
        return r["results"][0]!["id"]!.GetValue<int>();
    }

    public async Task<int> CreateInventoryAsync(string name = "packer-tmp", int organization = 1)
    {
        var r = await PostAsync(Api("inventories/"), new { name, organization });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        return r["id"].GetValue<int>();
    }

    public async Task<int> CreateHostAsync(int inventory, string name = "10.1.2.3")
    {
        var r = await PostAsync(Api($"inventories/{inventory}/hosts/"), new { name, variables = "{\"ansible_host\": \"10.1.2.3\"}" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        return r["id"].GetValue<int>();
    }

    public async Task<int> MachineTypeIdAsync()
        => (await GetAsync(Api("credential_types/?namespace=ssh")))["results"][0]!["id"]!.GetValue<int>();

    public async Task<int> CreateMachineCredentialAsync(string name = "packer-ssh")
    {
        var r = await PostAsync(Api("credentials/"), new
        {
            name,
            organization = 1,
            credential_type = await MachineTypeIdAsync(),
            inputs = new { username = "packer", ssh_key_data = TestKeys.OpenSshUnencrypted },
        });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        return r["id"].GetValue<int>();
    }

    /// <summary>A temp inventory with one host, launched on <paramref name="template"/>; returns the launch answer.</summary>
    public async Task<SimResponse> LaunchAsync(string template, object? body = null)
        => await PostAsync(Api($"job_templates/{await TemplateIdAsync(template)}/launch/"), body ?? new { });

    public async Task<(int Job, int Inventory)> LaunchOnTempInventoryAsync(string template = "Baseline", int hosts = 1)
    {
        var inventory = await CreateInventoryAsync("packer-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < hosts; i++)
        {
            await CreateHostAsync(inventory, $"10.0.0.{i + 1}");
        }
        var r = await LaunchAsync(template, new { inventory });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        return (r["job"].GetValue<int>(), inventory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Control.Dispose();
        await Sim.DisposeAsync();
    }
}
