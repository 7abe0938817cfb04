using System.Net;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class JobEventTests : SimTestBase
{
    private async Task<JsonArray> EventsAsync(int job, string query = "page_size=200")
        => (await S.GetAsync(S.Api($"jobs/{job}/job_events/?{query}")))["results"].AsArray();

    [Fact]
    public async Task A_finished_job_has_a_contiguous_stream_from_playbook_on_start_to_stats()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Baseline", hosts: 2);
        await S.AdvanceAsync(20);
        var events = await EventsAsync(job);
        Assert.Equal(20, events.Count);
        Assert.Equal("playbook_on_start", events[0]!["event"]!.GetValue<string>());
        Assert.Equal(0, events[0]!["start_line"]!.GetValue<int>());
        Assert.Equal(0, events[0]!["end_line"]!.GetValue<int>());
        var last = events[^1]!;
        Assert.Equal("playbook_on_stats", last["event"]!.GetValue<string>());
        Assert.Contains("PLAY RECAP", last["stdout"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("ok=", last["stdout"]!.GetValue<string>(), StringComparison.Ordinal);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1]!["end_line"]!.GetValue<int>(), events[i]!["start_line"]!.GetValue<int>());
        }
        Assert.Contains(events, e => e!["event"]!.GetValue<string>() == "runner_on_ok" && e["host_name"]!.GetValue<string>() == "10.0.0.2");
    }

    [Fact]
    public async Task Events_become_visible_out_of_order_for_a_short_time()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Chatty");
        var sawGap = false;
        for (var t = 0; t < 30 && !sawGap; t++)
        {
            await S.AdvanceAsync(1);
            var counters = (await EventsAsync(job, "order_by=counter&page_size=200")).Select(e => e!["counter"]!.GetValue<int>()).ToList();
            sawGap = counters.Where((c, i) => i > 0 && c != counters[i - 1] + 1).Any();
        }
        Assert.True(sawGap, "expected a later event to be visible before an earlier one");
        await S.AdvanceAsync(60);
        var all = await S.GetAsync(S.Api($"jobs/{job}/job_events/?page_size=1"));
        Assert.Equal(400, all["count"].GetValue<int>());
    }

    [Fact]
    public async Task Stdout_is_truncated_to_1024_bytes_unless_no_truncate()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Chatty");
        await S.AdvanceAsync(60);
        var truncated = await EventsAsync(job, "event=runner_on_ok&page_size=5");
        Assert.All(truncated, e => Assert.Equal(1024, e!["stdout"]!.GetValue<string>().Length));
        var full = await EventsAsync(job, "event=runner_on_ok&page_size=5&no_truncate=1");
        Assert.All(full, e => Assert.Equal(1500, e!["stdout"]!.GetValue<string>().Length));
    }

    [Fact]
    public async Task Start_line_gte_and_counter_gt_filter_the_stream()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(20);
        var fromLine = await EventsAsync(job, "start_line__gte=10&order_by=start_line");
        Assert.All(fromLine, e => Assert.True(e!["start_line"]!.GetValue<int>() >= 10));
        Assert.Equal(10, fromLine[0]!["start_line"]!.GetValue<int>());
        var afterCounter = await EventsAsync(job, "counter__gt=15");
        Assert.Equal(new[] { 16, 17, 18, 19, 20 }, afterCounter.Select(e => e!["counter"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Descending_order_and_limit_return_only_results()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(20);
        var r = await S.GetAsync(S.Api($"jobs/{job}/job_events/?order_by=-counter&limit=3"));
        Assert.Equal(new[] { "results" }, r.Json!.AsObject().Select(p => p.Key));
        Assert.Equal(new[] { 20, 19, 18 }, r["results"].AsArray().Select(e => e!["counter"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_event_list_carries_x_ui_max_events_and_pages_at_most_200()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Chatty");
        await S.AdvanceAsync(60);
        var r = await S.GetAsync(S.Api($"jobs/{job}/job_events/?page_size=1000"));
        Assert.Equal("4000", r.Header("X-UI-Max-Events"));
        Assert.Equal(200, r["results"].AsArray().Count);
        Assert.Contains("page_size=200", r["next"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_filter_picks_failed_runner_events()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Failing Playbook");
        await S.AdvanceAsync(30);
        var failed = await EventsAsync(job, "event=runner_on_failed");
        var e = Assert.Single(failed)!;
        Assert.True(e["failed"]!.GetValue<bool>());
        Assert.Contains("FAILED!", e["stdout"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_cancelled_while_running_stops_emitting_events_and_has_no_recap()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Chatty");
        await S.AdvanceAsync(7);
        await S.PostAsync(S.Api($"jobs/{job}/cancel/"), null);
        await S.AdvanceAsync(60);
        var r = await S.GetAsync(S.Api($"jobs/{job}/job_events/?event=playbook_on_stats"));
        Assert.Equal(0, r["count"].GetValue<int>());
        var all = await S.GetAsync(S.Api($"jobs/{job}/job_events/?page_size=1"));
        Assert.InRange(all["count"].GetValue<int>(), 1, 399);
    }

    [Fact]
    public async Task An_unknown_event_filter_key_is_400()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(20);
        var r = await S.GetAsync(S.Api($"jobs/{job}/job_events/?flavour=mint"));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
    }
}
