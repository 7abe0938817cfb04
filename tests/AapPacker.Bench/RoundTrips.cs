namespace AapPacker.Bench;

/// <summary>
/// Round trips on the critical path of a stretch of a request log: the longest chain of requests each of which
/// arrived after the one before it was answered. Requests that overlap (sent at the same time) count once; under
/// an injected latency this is what the latency multiplies.
/// </summary>
internal static class RoundTrips
{
    /// <summary>How much earlier than the previous answer was logged a request may arrive and still follow it (the log is written just after the answer).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(25);

    public static int OnCriticalPath(IEnumerable<LoggedCall> requests)
    {
        var sorted = requests.OrderBy(r => r.Started).ToList();
        var depth = new int[sorted.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            depth[i] = 1;
            for (var j = 0; j < i; j++)
            {
                if (sorted[j].At - Slack <= sorted[i].Started && sorted[j].Started < sorted[i].Started)
                {
                    depth[i] = Math.Max(depth[i], depth[j] + 1);
                }
            }
        }

        return depth.Length == 0 ? 0 : depth.Max();
    }

    /// <summary>The requests answered within [from, to].</summary>
    public static List<LoggedCall> Between(IEnumerable<LoggedCall> requests, DateTimeOffset from, DateTimeOffset to)
        => requests.Where(r => r.Started >= from && r.At <= to).ToList();

    /// <summary>The launch POST (a job template's or a workflow's) answered first in the stretch.</summary>
    public static LoggedCall Launch(IEnumerable<LoggedCall> requests)
        => requests.First(r => r.Method == "POST" && r.Path.EndsWith("/launch/", StringComparison.Ordinal));
}
