using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace AapPacker.Simulator.Faults;

/// <summary>
/// One fault injection rule (<c>POST /_sim/faults</c>): which requests it matches and what goes wrong.
/// Kinds: status, reset, html, latency, lostResponse, slowAnswer, retryAfter.
/// </summary>
internal sealed class FaultRule
{
    [JsonPropertyName("method")] public string Method { get; set; } = "*";
    [JsonPropertyName("path")] public string Path { get; set; } = ".*";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "status";
    [JsonPropertyName("status")] public int? Status { get; set; }
    /// <summary>Probability per matching request (default 1).</summary>
    [JsonPropertyName("rate")] public double? Rate { get; set; }
    /// <summary>How many times at most it fires (default unlimited).</summary>
    [JsonPropertyName("count")] public int? Count { get; set; }
    [JsonPropertyName("retryAfterSeconds")] public int? RetryAfterSeconds { get; set; }
    [JsonPropertyName("latencyMs")] public int? LatencyMs { get; set; }
    [JsonPropertyName("fired")] public int Fired { get; set; }

    private Regex? _regex;

    public bool Matches(string method, string path)
        => (Method == "*" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
           && (_regex ??= new Regex(Path, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(path);

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "status", "reset", "html", "latency", "lostResponse", "slowAnswer", "retryAfter",
    };
}

/// <summary>The body of <c>POST /_sim/faults</c>.</summary>
internal sealed class FaultRuleSet
{
    [JsonPropertyName("rules")] public List<FaultRule> Rules { get; set; } = [];
}
