using System.Threading.Channels;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;
using Microsoft.Extensions.Time.Testing;

namespace AapPacker.Engine.Tests.Provisioning;

public class JobFollowerCompletionTests
{
    private const string Recap = """{"counter": 3, "start_line": 2, "end_line": 4, "event": "playbook_on_stats", "stdout": "PLAY RECAP\r\nh : ok=1"}""";
    private const string Task = """{"counter": 2, "start_line": 0, "end_line": 2, "event": "runner_on_ok", "stdout": "TASK [a]\r\nok: [h]"}""";

    private static ScriptedApi Api(string events, SemaphoreSlim? statusRead = null) => new(path =>
    {
        if (path.Contains("job_events", StringComparison.Ordinal))
        {
            return """{"count": 2, "next": null, "results": [""" + events + "]}";
        }

        if (path.Contains("job_host_summaries", StringComparison.Ordinal))
        {
            return """{"count": 0, "next": null, "results": []}""";
        }

        statusRead?.Release();
        return """{"id": 7, "name": "t", "status": "successful", "failed": false, "event_processing_finished": false}""";
    });

    [Fact]
    public async System.Threading.Tasks.Task Given_a_terminal_job_whose_recap_is_stored_when_following_then_it_returns_without_waiting_for_event_processing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var api = Api(Task + "," + Recap);
        var reporter = new RecordingReporter();

        var result = await new JobFollower(api, null, clock).FollowAsync(new AapJob { Id = 7, Type = "job" }, reporter, CancellationToken.None);

        Assert.Equal("successful", result.Status);
        Assert.Equal(4, result.OutputLines);
        Assert.Single(api.Paths, p => p == "jobs/7/"); // one status read: no poll waited for event_processing_finished
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_job_of_a_build_when_following_then_the_result_carries_the_build_id()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var job = new AapJob { Id = 7, Type = "job", BuildId = "0d1f4c52-8a61-4f0e-9b1e-6a3b2c1d9e7f-aap-image" };

        var result = await new JobFollower(Api(Task + "," + Recap), null, clock).FollowAsync(job, new RecordingReporter(), CancellationToken.None);

        Assert.Equal("0d1f4c52-8a61-4f0e-9b1e-6a3b2c1d9e7f-aap-image", result.BuildId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_terminal_job_without_its_recap_yet_when_following_then_it_polls_at_the_ending_interval_for_the_window_then_at_the_fastest()
    {
        // AAP stores a job's last events a moment after it marks the job terminal: the build waits only for the recap,
        // so the follower polls faster for a short window, and never backs off after it (each step back would add to
        // every build's overhead).
        var clock = new TimerRecordingClock();
        var api = Api(Task);
        using var stop = new CancellationTokenSource();
        var options = new JobFollowOptions();

        var follow = new JobFollower(api, options, clock).FollowAsync(new AapJob { Id = 7, Type = "job" }, new RecordingReporter(), stop.Token);
        var sinceTerminal = TimeSpan.Zero;
        var within = 0;
        for (var i = 0; i < 25; i++)
        {
            var due = await clock.Scheduled.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(sinceTerminal < options.EndingWindow ? options.EndingPollInterval : options.MinPollInterval, due);
            within += sinceTerminal < options.EndingWindow ? 1 : 0;
            sinceTerminal += due;
            clock.Advance(due);
        }

        Assert.Equal((int)(options.EndingWindow / options.EndingPollInterval), within);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_distant_AAP_when_polling_then_each_pause_is_what_the_poll_left_of_the_interval()
    {
        // Polls are an interval apart from one start to the next: a poll that took 60 ms of a 100 ms interval is
        // followed by a 40 ms pause, so a distant AAP is polled as often as a near one and a job's end is seen sooner.
        var clock = new TimerRecordingClock();
        var polling = TimeSpan.FromMilliseconds(60);
        var api = new ScriptedApi(path =>
        {
            if (path.Contains("job_events", StringComparison.Ordinal))
            {
                return """{"count": 1, "next": null, "results": [""" + Task + "]}";
            }

            clock.Advance(polling);
            return """{"id": 7, "name": "t", "status": "successful", "failed": false, "event_processing_finished": false}""";
        });
        using var stop = new CancellationTokenSource();
        var options = new JobFollowOptions();

        var follow = new JobFollower(api, options, clock).FollowAsync(new AapJob { Id = 7, Type = "job" }, new RecordingReporter(), stop.Token);
        for (var i = 0; i < 3; i++)
        {
            var due = await clock.Scheduled.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(options.EndingPollInterval - polling, due);
            clock.Advance(due);
        }

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
    }

    /// <summary>A fake clock that reports each finite timer's due time as it is created (advance only after reading it).</summary>
    private sealed class TimerRecordingClock() : FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero))
    {
        public Channel<TimeSpan> Scheduled { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                Scheduled.Writer.TryWrite(dueTime);
            }

            return timer;
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_terminal_job_without_its_recap_yet_when_following_then_it_polls_again_instead_of_returning()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        using var statusRead = new SemaphoreSlim(0);
        var api = Api(Task, statusRead);
        using var stop = new CancellationTokenSource();

        var follow = new JobFollower(api, null, clock).FollowAsync(new AapJob { Id = 7, Type = "job" }, new RecordingReporter(), stop.Token);

        Assert.True(await statusRead.WaitAsync(TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromSeconds(1)); // past the fastest poll interval
        Assert.True(await statusRead.WaitAsync(TimeSpan.FromSeconds(30)), "a second status read: the follower did not return without the recap");
        Assert.False(follow.IsCompleted);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_all_events_stored_but_a_backlog_longer_than_one_read_when_following_then_every_line_is_streamed()
    {
        const int Total = (JobOutputCursor.MaxPagesPerRead + 10) * JobOutputCursor.PageSize;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var api = new ScriptedApi(path =>
        {
            if (path.Contains("job_events", StringComparison.Ordinal))
            {
                var from = int.Parse(Query(path, "start_line__gte") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                var page = int.Parse(Query(path, "page") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
                var first = from + ((page - 1) * JobOutputCursor.PageSize);
                var events = Enumerable.Range(first, Math.Max(0, Math.Min(JobOutputCursor.PageSize, Total - first)))
                    .Select(i => $$"""{"counter": {{i + 1}}, "start_line": {{i}}, "end_line": {{i + 1}}, "event": "runner_on_ok", "stdout": "line {{i}}"}""");
                var next = first + JobOutputCursor.PageSize < Total ? $"\"jobs/7/job_events/?start_line__gte={from}&page={page + 1}\"" : "null";
                return "{\"next\": " + next + ", \"results\": [" + string.Join(",", events) + "]}";
            }

            return path.Contains("job_host_summaries", StringComparison.Ordinal)
                ? """{"count": 0, "next": null, "results": []}"""
                : """{"id": 7, "name": "t", "status": "successful", "failed": false, "event_processing_finished": true}""";
        });
        var reporter = new RecordingReporter();

        var noPause = new JobFollowOptions { MinPollInterval = TimeSpan.Zero }; // the fake clock never has to move

        var result = await new JobFollower(api, noPause, clock).FollowAsync(new AapJob { Id = 7, Type = "job" }, reporter, CancellationToken.None);

        Assert.Equal(Total, result.OutputLines);
        Assert.Equal("line " + (Total - 1), reporter.Output.Last().Text);
    }

    private static string? Query(string path, string name)
    {
        var query = path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        return query.Split('&').Select(p => p.Split('=')).Where(p => p[0] == name).Select(p => p[1]).FirstOrDefault();
    }
}
