using System.Text.Json.Serialization;

namespace AapPacker.Simulator.Control;

/// <summary>One logged request: never a header value, a body or a secret.</summary>
internal sealed record RequestLogEntry(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("auth")] string Auth,
    [property: JsonPropertyName("fault")] string? Fault)
{
    /// <summary>Wall-clock time the answer was logged (real time, not the scaled simulator clock), e.g. to time a cancel against an interrupt.</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Wall-clock time the request arrived, before any injected latency: with <see cref="At"/>, whether two requests overlapped.</summary>
    [JsonPropertyName("started")]
    public DateTimeOffset? Started { get; init; }
}

/// <summary>The request log behind <c>GET /_sim/requests</c>.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = [];

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.RemoveAt(0);
            }
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
