using System.Text;
using System.Text.Json;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using Microsoft.Extensions.Time.Testing;

namespace AapPacker.Engine.Tests.Provisioning;

public class JobOutputCursorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private JobOutputCursor Cursor() => new(42, TimeSpan.FromSeconds(10), _clock);

    private static string Event(int counter, long start, long end, string stdout)
        => JsonSerializer.Serialize(new { counter, start_line = start, end_line = end, stdout, @event = "runner_on_ok" });

    private static JobEventPage Page(params string[] events) => PageWithNext(null, events);

    private static JobEventPage PageWithNext(string? next, params string[] events)
    {
        using var doc = JsonDocument.Parse(PageJson(next, events));
        return JobEventsResource.Read(doc.RootElement.Clone());
    }

    private static string PageJson(string? next, params string[] events)
        => "{\"count\": " + events.Length + ", \"next\": " + (next is null ? "null" : "\"" + next + "\"") + ", \"results\": [" + string.Join(",", events) + "]}";

    [Fact]
    public void Given_contiguous_events_when_absorbing_then_every_line_is_emitted_in_order()
    {
        var cursor = Cursor();

        var lines = cursor.Absorb(Page(Event(1, 0, 1, "PLAY [all]"), Event(2, 1, 3, "TASK [a]\r\nok: [h]"), Event(3, 3, 3, "")), false, out var next);

        Assert.Equal(new[] { "PLAY [all]", "TASK [a]", "ok: [h]" }, lines.Select(l => l.Text));
        Assert.Equal(new long[] { 0, 1, 2 }, lines.Select(l => l.LineNumber));
        Assert.Equal(3, cursor.NextLine);
        Assert.Null(next);
    }

    [Fact]
    public void Given_a_later_event_stored_before_an_earlier_one_when_absorbing_then_output_stops_at_the_gap_until_it_arrives()
    {
        var cursor = Cursor();
        cursor.Absorb(Page(Event(1, 0, 1, "one")), false, out _);

        var first = cursor.Absorb(Page(Event(3, 2, 3, "three")), false, out _);
        Assert.Empty(first);
        Assert.True(cursor.AtGap);
        Assert.Contains("start_line__gte=1", JobEventsResource.PagePath(cursor.JobId, cursor.NextLine, JobOutputCursor.PageSize));

        var second = cursor.Absorb(Page(Event(2, 1, 2, "two"), Event(3, 2, 3, "three")), false, out _);
        Assert.Equal(new[] { "two", "three" }, second.Select(l => l.Text));
        Assert.False(cursor.AtGap);
    }

    [Fact]
    public void Given_output_held_at_a_gap_when_time_passes_then_its_age_grows_until_the_gap_fills()
    {
        var cursor = Cursor();
        cursor.Absorb(Page(Event(1, 0, 1, "one")), false, out _);
        Assert.Null(cursor.GapAge);

        cursor.Absorb(Page(Event(3, 2, 3, "three")), false, out _);
        Assert.Equal(TimeSpan.Zero, cursor.GapAge);
        _clock.Advance(TimeSpan.FromSeconds(2));
        cursor.Absorb(Page(Event(3, 2, 3, "three")), false, out _);
        Assert.Equal(TimeSpan.FromSeconds(2), cursor.GapAge);

        cursor.Absorb(Page(Event(2, 1, 2, "two"), Event(3, 2, 3, "three")), false, out _);
        Assert.Null(cursor.GapAge);
    }

    private static string Recap(int counter, long start, long end)
        => JsonSerializer.Serialize(new { counter, start_line = start, end_line = end, stdout = "PLAY RECAP\r\nh : ok=1", @event = "playbook_on_stats" });

    [Fact]
    public void Given_the_recap_stored_before_an_earlier_event_when_absorbing_then_the_output_is_complete_only_once_the_gap_is_filled()
    {
        var cursor = Cursor();
        cursor.Absorb(Page(Event(1, 0, 1, "one")), false, out _);

        cursor.Absorb(Page(Recap(3, 2, 4)), false, out _);
        Assert.False(cursor.RecapEmitted);

        var lines = cursor.Absorb(Page(Event(2, 1, 2, "two"), Recap(3, 2, 4)), false, out _);
        Assert.Equal(new[] { "two", "PLAY RECAP", "h : ok=1" }, lines.Select(l => l.Text));
        Assert.True(cursor.RecapEmitted);
    }

    [Fact]
    public async Task Given_a_backlog_of_full_pages_when_reading_with_a_callback_then_each_page_is_handed_over_before_the_next_is_fetched()
    {
        var cursor = Cursor();
        var fetched = 0;
        var emittedBeforeFetch = new List<int>();
        var emitted = 0;
        var api = new ScriptedApi(_ =>
        {
            emittedBeforeFetch.Add(emitted);
            fetched++;
            var first = (fetched - 1) * JobOutputCursor.PageSize;
            var events = Enumerable.Range(first, fetched < 3 ? JobOutputCursor.PageSize : 1).Select(i => Event(i + 1, i, i + 1, "line " + i)).ToArray();
            return PageJson(fetched < 3 ? "jobs/42/job_events/?page=" + (fetched + 1) : null, events);
        });

        var count = await cursor.ReadAsync(api, false, _ => emitted++, CancellationToken.None);

        Assert.Equal((2 * JobOutputCursor.PageSize) + 1, count);
        Assert.Equal(new[] { 0, JobOutputCursor.PageSize, 2 * JobOutputCursor.PageSize }, emittedBeforeFetch);
    }

    [Fact]
    public void Given_events_listed_out_of_order_in_a_page_when_absorbing_then_they_are_emitted_by_start_line()
    {
        var lines = Cursor().Absorb(Page(Event(2, 1, 2, "b"), Event(1, 0, 1, "a")), false, out _);

        Assert.Equal(new[] { "a", "b" }, lines.Select(l => l.Text));
    }

    [Fact]
    public void Given_a_gap_that_outlives_the_gap_timeout_when_absorbing_then_it_is_skipped_with_a_notice()
    {
        var cursor = Cursor();
        Assert.Empty(cursor.Absorb(Page(Event(5, 4, 5, "five")), false, out _));

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(cursor.Absorb(Page(Event(5, 4, 5, "five")), false, out _));

        _clock.Advance(TimeSpan.FromSeconds(2));
        var lines = cursor.Absorb(Page(Event(5, 4, 5, "five")), false, out _);

        Assert.Equal(JobOutputLineKind.Notice, lines[0].Kind);
        Assert.Contains("lines 1-4", lines[0].Text);
        Assert.Equal("five", lines[1].Text);
        Assert.Equal(5, cursor.NextLine);
    }

    [Fact]
    public void Given_all_events_are_stored_when_a_gap_remains_then_it_is_skipped_at_once()
    {
        var lines = Cursor().Absorb(Page(Event(2, 3, 4, "late")), true, out _);

        Assert.Equal(new[] { JobOutputLineKind.Notice, JobOutputLineKind.Output }, lines.Select(l => l.Kind));
    }

    [Fact]
    public void Given_a_full_page_when_absorbing_then_the_next_link_is_followed()
    {
        var events = Enumerable.Range(0, JobOutputCursor.PageSize).Select(i => Event(i + 1, i, i + 1, "line " + i)).ToArray();

        var lines = Cursor().Absorb(PageWithNext("/api/v2/jobs/42/job_events/?page=2", events), false, out var next);

        Assert.Equal(200, lines.Count);
        Assert.Equal("/api/v2/jobs/42/job_events/?page=2", next);
    }

    [Fact]
    public void Given_a_full_page_stopped_at_a_gap_when_absorbing_then_the_next_page_is_not_followed()
    {
        var events = Enumerable.Range(0, JobOutputCursor.PageSize).Select(i => Event(i + 1, i + 1, i + 2, "line")).ToArray();

        Cursor().Absorb(PageWithNext("/next", events), false, out var next);

        Assert.Null(next);
    }

    [Fact]
    public void Given_the_events_query_then_it_asks_for_untruncated_events_by_start_line_200_at_a_time()
    {
        var path = JobEventsResource.PagePath(42, Cursor().NextLine, JobOutputCursor.PageSize);

        Assert.StartsWith("jobs/42/job_events/?", path);
        Assert.Contains("order_by=start_line", path);
        Assert.Contains("start_line__gte=0", path);
        Assert.Contains("no_truncate=1", path);
        Assert.Contains("page_size=200", path);
    }

    [Fact]
    public void Given_ansi_coloured_output_when_absorbing_then_colour_codes_are_removed()
    {
        var lines = Cursor().Absorb(Page(Event(1, 0, 1, "\u001b[0;32mok: [h]\u001b[0m")), false, out _);

        Assert.Equal("ok: [h]", lines[0].Text);
    }

    [Fact]
    public async Task Given_more_than_one_mebibyte_of_output_when_reading_then_all_of_it_comes_from_events_and_stdout_is_never_asked()
    {
        var big = new string('x', 3000);
        var total = 500; // 500 events × 3000 bytes = 1.5 MB, beyond stdout's 1 MiB display limit; each event is > 1024 bytes
        var api = new ScriptedApi(path =>
        {
            Assert.Contains("no_truncate=1", path);
            var from = long.Parse(path.Split("start_line__gte=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
            var events = Enumerable.Range((int)from, (int)Math.Min(JobOutputCursor.PageSize, total - from)).Select(i => Event(i + 1, i, i + 1, big + i)).ToArray();
            var next = events.Length == JobOutputCursor.PageSize ? "jobs/42/job_events/?order_by=start_line&start_line__gte=" + (from + events.Length) + "&no_truncate=1&page_size=200" : null;
            return "{\"next\": " + (next is null ? "null" : "\"" + next + "\"") + ", \"results\": [" + string.Join(",", events) + "]}";
        });
        var cursor = Cursor();

        var lines = await cursor.ReadAsync(api, false, CancellationToken.None);

        Assert.Equal(total, lines.Count);
        Assert.True(lines.Sum(l => Encoding.UTF8.GetByteCount(l.Text)) > 1024 * 1024);
        Assert.All(lines, l => Assert.Equal(3000 + l.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture).Length, l.Text.Length));
        Assert.DoesNotContain(api.Paths, p => p.Contains("stdout", StringComparison.Ordinal));
    }
}
