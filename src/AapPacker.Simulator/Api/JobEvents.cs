using System.Globalization;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// <c>jobs/&lt;id&gt;/job_events/</c>: only stored events (late ones missing for a while), ordered by start_line,
/// stdout truncated to 1024 bytes unless <c>no_truncate</c>, <c>limit=N</c> paging, <c>X-UI-Max-Events</c>.
/// Events are generated on demand, so 500 000 of them cost nothing until asked for.
/// </summary>
internal static class JobEvents
{
    public const int MaxStdoutDisplay = 1024;
    private static readonly string[] BoundKeys =
    [
        "counter", "counter__gt", "counter__gte", "counter__lt", "counter__lte",
        "start_line", "start_line__gt", "start_line__gte", "start_line__lt", "start_line__lte",
    ];
    private static readonly string[] OrderKeys = ["start_line", "counter", "id", "end_line", "created"];

    public static void Map(ApiRouter r) => r.Get("jobs/{id}/job_events/", List);

    private static ApiResult List(ApiRequest req)
    {
        var job = Jobs.Find(req);
        var plan = JobOutput.Of(job);
        var (from, to) = Bounds(req, plan);
        var events = new VisibleEvents(job, req.Now, from, to, plan);
        var orderBy = req.QueryValue("order_by") ?? "start_line";
        var firstKey = orderBy.Split(',')[0].Trim();
        var descending = firstKey.StartsWith('-');
        var simple = OrderKeys.Contains(firstKey.TrimStart('-'))
                     && req.Query.Keys.All(k => ListFilter.ReservedKeys.Contains(k) || BoundKeys.Contains(k));
        var noTruncate = req.Query.ContainsKey("no_truncate");
        IReadOnlyList<int> counters;
        List<JsonObject>? materialized = null;
        if (simple)
        {
            counters = new CounterView(events, descending);
        }
        else
        {
            materialized = ListFilter.Apply(req, "JobEvent", events.All().Select(c => ToJson(req, job, plan, events.Timeline, c, noTruncate: true)), "start_line").ToList();
            counters = materialized.Select(e => e["counter"]!.GetValue<int>()).ToList();
        }
        JsonObject body;
        if (req.QueryValue("limit") is { } limitText)
        {
            var limit = int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, Paging.MaxPageSize) : Paging.DefaultPageSize;
            var offset = int.TryParse(req.QueryValue("offset"), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
            body = new JsonObject { ["results"] = Page(req, job, plan, events.Timeline, counters, offset, limit, noTruncate) };
        }
        else
        {
            var (start, size, next, previous) = Paging.Window(req, counters.Count);
            body = new JsonObject
            {
                ["count"] = counters.Count,
                ["next"] = next,
                ["previous"] = previous,
                ["results"] = Page(req, job, plan, events.Timeline, counters, start, size, noTruncate),
            };
        }
        var result = ApiResult.Ok(body);
        result.Headers["X-UI-Max-Events"] = "4000";
        return result;
    }

    private static JsonArray Page(ApiRequest req, Job job, IJobOutput plan, JobTimeline timeline, IReadOnlyList<int> counters, int start, int size, bool noTruncate)
    {
        var items = new JsonArray();
        for (var i = start; i < Math.Min(counters.Count, start + size); i++)
        {
            items.Add(ToJson(req, job, plan, timeline, counters[i], noTruncate));
        }
        return items;
    }

    private static (int From, int To) Bounds(ApiRequest req, IJobOutput plan)
    {
        int from = 1, to = plan.Count;
        int? Int(string key)
        {
            var text = req.QueryValue(key);
            if (text is null)
            {
                return null;
            }
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new ApiException(ApiResult.Detail(400, $"Field 'counter' expected a number but got '{text}'."));
        }
        if (Int("counter") is { } eq)
        {
            from = Math.Max(from, eq);
            to = Math.Min(to, eq);
        }
        if (Int("counter__gt") is { } gt)
        {
            from = Math.Max(from, gt + 1);
        }
        if (Int("counter__gte") is { } gte)
        {
            from = Math.Max(from, gte);
        }
        if (Int("counter__lt") is { } lt)
        {
            to = Math.Min(to, lt - 1);
        }
        if (Int("counter__lte") is { } lte)
        {
            to = Math.Min(to, lte);
        }
        if (Int("start_line__gte") is { } slGte)
        {
            from = Math.Max(from, plan.FirstCounterAtOrAfterLine(slGte));
        }
        if (Int("start_line__gt") is { } slGt)
        {
            from = Math.Max(from, plan.FirstCounterAtOrAfterLine(slGt + 1));
        }
        if (Int("start_line__lt") is { } slLt)
        {
            to = Math.Min(to, plan.FirstCounterAtOrAfterLine(slLt) - 1);
        }
        if (Int("start_line__lte") is { } slLte)
        {
            to = Math.Min(to, plan.FirstCounterAtOrAfterLine(slLte + 1) - 1);
        }
        if (Int("start_line") is { } sl)
        {
            from = Math.Max(from, plan.FirstCounterAtOrAfterLine(sl));
            to = Math.Min(to, plan.FirstCounterAtOrAfterLine(sl + 1) - 1);
        }
        return (from, to);
    }

    /// <summary>A globally unique event id derived from the job and the counter.</summary>
    public static long EventId(Job job, int counter) => (job.Id * 10_000_000L) + counter;

    public static JsonObject ToJson(ApiRequest req, Job job, IJobOutput plan, JobTimeline timeline, int counter, bool noTruncate)
    {
        var e = plan.Get(counter);
        var stdout = e.Stdout;
        if (!noTruncate && !e.Event.StartsWith("playbook_on", StringComparison.Ordinal) && stdout.Length > MaxStdoutDisplay)
        {
            stdout = stdout[..MaxStdoutDisplay];
        }
        var host = e.HostName is null ? null : req.Store.Hosts.Values.FirstOrDefault(h => h.InventoryId == job.InventoryId && h.Name == e.HostName);
        var id = EventId(job, counter);
        var uuid = Uuid(job, counter);
        var parent = e.EventLevel switch { 0 => "", 1 => Uuid(job, 1), 2 => Uuid(job, 2), _ => Uuid(job, plan.TaskStartCounter(counter)) };
        var data = new JsonObject { ["playbook"] = job.Playbook, ["playbook_uuid"] = Uuid(job, 1) };
        if (e.Play.Length > 0)
        {
            data["play"] = e.Play;
            data["play_pattern"] = "all";
        }
        if (e.Task.Length > 0)
        {
            data["task"] = e.Task;
            data["task_action"] = "ansible.builtin.command";
        }
        if (e.HostName is not null)
        {
            data["host"] = e.HostName;
            data["remote_addr"] = e.HostName;
            data["res"] = timeline.IsRecorded
                ? new JsonObject { ["changed"] = e.Changed }
                : new JsonObject { ["changed"] = e.Changed, ["msg"] = e.Failed ? "Step failed as scripted" : "done" };
        }
        if (e.Event == "playbook_on_stats")
        {
            var ok = new JsonObject();
            var changed = new JsonObject();
            var failures = new JsonObject();
            var processed = new JsonObject();
            for (var i = 0; i < plan.Hosts.Count; i++)
            {
                var (o, c, f) = plan.HostCounts(i);
                ok[plan.Hosts[i]] = o;
                processed[plan.Hosts[i]] = 1;
                if (c > 0)
                {
                    changed[plan.Hosts[i]] = c;
                }
                if (f > 0)
                {
                    failures[plan.Hosts[i]] = f;
                }
            }
            data["ok"] = ok;
            data["changed"] = changed;
            data["failures"] = failures;
            data["dark"] = new JsonObject();
            data["skipped"] = new JsonObject();
            data["processed"] = processed;
            data["artifact_data"] = job.Script.Artifacts.DeepClone();
        }
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "job_event",
            ["url"] = req.Prefix + $"job_events/{id}/",
            ["related"] = new JsonObject
            {
                ["job"] = req.Url("jobs", job.Id),
                ["children"] = req.Prefix + $"job_events/{id}/children/",
                ["host"] = host is null ? null : req.Url("hosts", host.Id),
            },
            ["summary_fields"] = new JsonObject
            {
                ["host"] = host is null ? null : new JsonObject { ["id"] = host.Id, ["name"] = host.Name, ["description"] = host.Description },
                ["job"] = new JsonObject { ["id"] = job.Id, ["name"] = job.Name, ["status"] = timeline.Status(req.Now), ["failed"] = Jobs.IsFailed(timeline.Status(req.Now)), ["elapsed"] = timeline.Elapsed(req.Now), ["type"] = "job", ["job_template_id"] = job.JobTemplateId, ["job_template_name"] = job.Name },
                ["role"] = new JsonObject(),
            },
            ["created"] = Wire.Time(timeline.EmitTime(counter)),
            ["modified"] = Wire.Time(timeline.VisibleAt(counter)),
            ["job"] = job.Id,
            ["event"] = e.Event,
            ["counter"] = counter,
            ["event_display"] = e.Display,
            ["event_data"] = data,
            ["event_level"] = e.EventLevel,
            ["failed"] = e.Failed,
            ["changed"] = e.Changed,
            ["uuid"] = uuid,
            ["parent_uuid"] = parent,
            ["host"] = host?.Id,
            ["host_name"] = e.HostName ?? "",
            ["playbook"] = job.Playbook,
            ["play"] = e.Play,
            ["task"] = e.Task,
            ["role"] = "",
            ["stdout"] = stdout,
            ["start_line"] = e.StartLine,
            ["end_line"] = e.EndLine,
            ["verbosity"] = 0,
        };
    }

    private static string Uuid(Job job, int counter)
        => $"{job.Id:x8}-0000-4000-8000-{counter:x12}";

    /// <summary>Visible counters ascending or descending, without copying.</summary>
    private sealed class CounterView(VisibleEvents events, bool descending) : IReadOnlyList<int>
    {
        public int this[int index] => descending ? events[events.Count - 1 - index] : events[index];

        public int Count => events.Count;

        public IEnumerator<int> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
