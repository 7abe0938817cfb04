using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AapPacker.Testing;

/// <summary>
/// The one client of the simulator's unauthenticated control endpoints (<c>/_sim/</c>) for the C# test projects and
/// the bench (linked into each): reset, faults, the request log, the state and the clock. The PowerShell tests have
/// their own (<c>Invoke-SimulatorControl</c> in tests/Pester/TestHelpers.psm1).
/// </summary>
public sealed class SimulatorControl : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    /// <summary>A client of the simulator at <paramref name="baseUri"/> (its root, e.g. <c>http://127.0.0.1:40123/</c>).</summary>
    public SimulatorControl(Uri baseUri, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new HttpClientHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary><c>POST /_sim/reset</c>: back to the seed (objects, faults, request log and launches).</summary>
    public async Task ResetAsync()
    {
        using var response = await _http.PostAsync("_sim/reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>POST /_sim/faults</c> with the given rules.</summary>
    public async Task AddFaultsAsync(params FaultSpec[] rules)
    {
        using var response = await _http.PostAsJsonAsync("_sim/faults", new { rules }, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>POST /_sim/faults</c> with fault rules written as the simulator's JSON (<c>{"method": ..., "kind": ...}</c> each).</summary>
    public async Task AddFaultsAsync(params string[] rulesJson)
    {
        using var content = new StringContent("{\"rules\": [" + string.Join(",", rulesJson) + "]}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("_sim/faults", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>DELETE /_sim/faults</c>.</summary>
    public async Task ClearFaultsAsync()
    {
        using var response = await _http.DeleteAsync("_sim/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /_sim/requests</c>: what reached the server (never a secret).</summary>
    public async Task<IReadOnlyList<LoggedRequest>> GetRequestsAsync()
        => await _http.GetFromJsonAsync<List<LoggedRequest>>("_sim/requests", Json) ?? [];

    /// <summary><c>DELETE /_sim/requests</c>.</summary>
    public async Task ClearRequestsAsync()
    {
        using var response = await _http.DeleteAsync("_sim/requests");
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /_sim/state</c>.</summary>
    public Task<JsonElement> GetStateAsync() => GetAsync("state");

    /// <summary><c>GET /_sim/{path}</c> as JSON (e.g. <c>state</c>, <c>requests</c>).</summary>
    public async Task<JsonElement> GetAsync(string path)
        => await _http.GetFromJsonAsync<JsonElement>("_sim/" + path, Json);

    /// <summary><c>POST /_sim/clock/advance</c>: moves the simulated clock on by <paramref name="seconds"/>.</summary>
    public async Task AdvanceClockAsync(double seconds)
    {
        using var content = new StringContent("{\"seconds\": " + seconds.ToString(CultureInfo.InvariantCulture) + "}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("_sim/clock/advance", content);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
