using AapPacker.Engine.Api;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>An <see cref="IAapApi"/> answering GETs from a script, recording every path asked (for pure unit tests).</summary>
internal sealed class ScriptedApi : IAapApi
{
    private readonly Func<string, string> _get;

    public ScriptedApi(Func<string, string> get) => _get = get;

    public List<string> Paths { get; } = [];

    public AapConnectionInfo Info { get; } = new() { Uri = new Uri("https://aap.example/"), ApiRoot = "/api/controller/v2/", Flavor = "AAP gateway" };


    public Task Verified => Task.CompletedTask;

    public PostRetry PostRetry { get; } = new(new AapRetryOptions { MaxRetries = 0 }, null, null);

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        Paths.Add(path);
        using var doc = JsonDocument.Parse(_get(path));
        return Task.FromResult(doc.RootElement.Clone());
    }

    public async IAsyncEnumerable<JsonElement> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await GetAsync(path, cancellationToken);
        foreach (var item in page.GetProperty("results").EnumerateArray())
        {
            yield return item;
        }
    }

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => throw new NotSupportedException(path);

    public Task<int> DeleteAsync(string path, CancellationToken cancellationToken) => throw new NotSupportedException(path);
}
