using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// A job's events (<c>jobs/N/job_events/</c>) in output order: <c>start_line ≥ from</c>, sorted by
/// <c>start_line</c>, untruncated (<c>no_truncate</c>), as the awx CLI reads them (aap-api.md §7.4).
/// </summary>
internal sealed class JobEventsResource
{
    /// <summary>The recap's counts per host in <c>event_data</c>; <c>processed</c> first, as it names every host.</summary>
    private static readonly string[] RecapCounts = ["processed", "ok", "changed", "failures", "dark", "skipped", "rescued", "ignored"];

    private readonly IAapApi _api;

    /// <summary>Wraps an API.</summary>
    public JobEventsResource(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>The first page of events of a job from output line <paramref name="fromLine"/> (0-based).</summary>
    public async Task<JobEventPage> PageAsync(int jobId, long fromLine, int pageSize, CancellationToken cancellationToken)
        => Read(await _api.GetAsync(PagePath(jobId, fromLine, pageSize), cancellationToken).ConfigureAwait(false));

    /// <summary>The page a <see cref="JobEventPage.Next"/> link points to.</summary>
    public async Task<JobEventPage> NextPageAsync(string next, CancellationToken cancellationToken)
        => Read(await _api.GetAsync(next ?? throw new ArgumentNullException(nameof(next)), cancellationToken).ConfigureAwait(false));

    /// <summary>The query of <see cref="PageAsync"/>.</summary>
    public static string PagePath(int jobId, long fromLine, int pageSize)
        => JobsResource.Path(JobKind.Job, jobId) + "job_events/?order_by=start_line&start_line__gte=" + fromLine.ToString(CultureInfo.InvariantCulture)
           + "&no_truncate=1&page_size=" + pageSize.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a page (<c>{"results": [...], "next": …}</c>).</summary>
    internal static JobEventPage Read(JsonElement page)
    {
        var events = new List<JobEvent>();
        if (page.Property("results") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                var start = item.Property("start_line")?.GetInt64() ?? -1;
                var end = item.Property("end_line")?.GetInt64() ?? start;
                var isRecap = item.String("event") == "playbook_on_stats";
                events.Add(new JobEvent(start, end, item.Int("counter") ?? 0, item.String("stdout") ?? "", isRecap, isRecap ? RecapHosts(item) : null));
            }
        }

        return new JobEventPage(events, page.String("next"));
    }

    /// <summary>
    /// A recap's counts per host from its <c>event_data</c>: one dictionary per count (<c>ok</c>, <c>changed</c>,
    /// <c>failures</c>, <c>dark</c>, <c>skipped</c>, <c>rescued</c>, <c>ignored</c>, and <c>processed</c>, which names
    /// every host), keyed by host name; a host is in the recap when any of them names it, as AAP's own
    /// <c>job_host_summaries/</c> are made. Null when the event carries none of them.
    /// </summary>
    internal static IReadOnlyList<JobHostSummary>? RecapHosts(JsonElement recap)
    {
        if (recap.Property("event_data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        var hosts = new Dictionary<string, JobHostSummary>(StringComparer.Ordinal);
        var order = new List<JobHostSummary>();
        var seen = false;
        foreach (var count in RecapCounts)
        {
            if (data.Property(count) is not { ValueKind: JsonValueKind.Object } byHost)
            {
                continue;
            }

            seen = true;
            foreach (var host in byHost.EnumerateObject())
            {
                if (!hosts.TryGetValue(host.Name, out var summary))
                {
                    summary = new JobHostSummary { Host = host.Name };
                    hosts.Add(host.Name, summary);
                    order.Add(summary);
                }

                var value = host.Value.ValueKind == JsonValueKind.Number && host.Value.TryGetInt32(out var n) ? n : 0;
                switch (count)
                {
                    case "ok": summary.Ok = value; break;
                    case "changed": summary.Changed = value; break;
                    case "failures": summary.Failures = value; break;
                    case "dark": summary.Unreachable = value; break;
                    case "skipped": summary.Skipped = value; break;
                    case "rescued": summary.Rescued = value; break;
                    case "ignored": summary.Ignored = value; break;
                }
            }
        }

        return seen ? order : null;
    }
}

/// <summary>Access: <c>api.JobEvents()</c>.</summary>
internal static class JobEventsResourceAccess
{
    /// <summary>Job events.</summary>
    public static JobEventsResource JobEvents(this IAapApi api) => new JobEventsResource(api);
}
