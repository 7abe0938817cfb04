using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

public class JobFollowerPollingTests
{
    [Fact]
    public void Given_a_quiet_long_job_when_polling_for_a_minute_then_at_most_30_requests_are_made()
    {
        var options = new JobFollowOptions();
        var interval = options.MinPollInterval;
        var elapsed = TimeSpan.Zero;
        var polls = 0;
        while (elapsed < TimeSpan.FromMinutes(1))
        {
            polls++;
            interval = JobFollower.NextInterval(interval, PollActivity.Quiet, options);
            elapsed += interval;
        }

        Assert.True(polls * 2 <= 30 + 10, $"{polls} polls of 2 requests in the first minute"); // the fast start costs a few
        var steady = (int)Math.Ceiling(TimeSpan.FromMinutes(1) / options.MaxPollInterval) * 2;
        Assert.True(steady <= 30, $"{steady} requests per minute once backed off");
    }

    [Fact]
    public void Given_a_quiet_job_printing_a_line_now_and_then_when_polling_then_the_line_costs_no_burst_of_fast_polls()
    {
        var options = new JobFollowOptions();

        var afterLine = JobFollower.NextInterval(options.MaxPollInterval, PollActivity.Output, options);

        Assert.Equal(TimeSpan.FromTicks(options.MaxPollInterval.Ticks / 2), afterLine);
        Assert.Equal(options.MaxPollInterval, JobFollower.NextInterval(JobFollower.NextInterval(afterLine, PollActivity.Quiet, options), PollActivity.Quiet, options));
    }

    [Fact]
    public void Given_output_flowing_on_every_poll_when_polling_then_the_interval_reaches_the_fastest()
    {
        var options = new JobFollowOptions();
        var interval = options.MaxPollInterval;

        for (var i = 0; i < 5; i++)
        {
            interval = JobFollower.NextInterval(interval, PollActivity.Output, options);
        }

        Assert.Equal(options.MinPollInterval, interval);
        Assert.Equal(TimeSpan.FromMilliseconds(375), JobFollower.NextInterval(options.MinPollInterval, PollActivity.Quiet, options));
        Assert.Equal(options.MaxPollInterval, JobFollower.NextInterval(TimeSpan.FromSeconds(4), PollActivity.Quiet, options));
    }

    [Fact]
    public void Given_output_held_at_a_fresh_gap_when_polling_then_it_counts_as_output_and_an_old_gap_as_quiet()
    {
        var options = new JobFollowOptions();

        Assert.Equal(PollActivity.Quiet, JobFollower.Activity(false, 0, null, options));
        Assert.Equal(PollActivity.Output, JobFollower.Activity(false, 0, TimeSpan.Zero, options));
        Assert.Equal(PollActivity.Output, JobFollower.Activity(false, 0, options.GapPollWindow - TimeSpan.FromMilliseconds(1), options));
        Assert.Equal(PollActivity.Quiet, JobFollower.Activity(false, 0, options.GapPollWindow, options));
        Assert.Equal(PollActivity.Output, JobFollower.Activity(false, 3, null, options));
        Assert.Equal(PollActivity.Ending, JobFollower.Activity(true, 0, TimeSpan.Zero, options));
    }

    [Fact]
    public void Given_a_status_change_or_the_recap_before_the_end_when_polling_then_the_next_poll_is_the_fastest()
    {
        var options = new JobFollowOptions();

        Assert.Equal(options.MinPollInterval, JobFollower.NextInterval(options.MaxPollInterval, PollActivity.Ending, options));
    }

    [Fact]
    public void Given_a_terminal_job_whose_recap_is_not_read_when_polling_then_it_polls_at_the_ending_interval_for_the_window_only()
    {
        var options = new JobFollowOptions();

        Assert.Equal(options.EndingPollInterval, JobFollower.WhileEnding(options.MinPollInterval, TimeSpan.Zero, options));
        Assert.Equal(options.EndingPollInterval, JobFollower.WhileEnding(options.MinPollInterval, options.EndingWindow - TimeSpan.FromMilliseconds(1), options));
        Assert.Equal(options.MinPollInterval, JobFollower.WhileEnding(options.MinPollInterval, options.EndingWindow, options));
        Assert.True(options.EndingPollInterval < options.MinPollInterval);
        Assert.True(options.EndingWindow / options.EndingPollInterval <= 20, "the window costs at most 20 polls per job");
    }

    [Fact]
    public void Given_a_poll_that_took_part_or_all_of_the_interval_when_pausing_then_only_the_rest_is_waited()
    {
        var interval = TimeSpan.FromMilliseconds(250);

        Assert.Equal(interval, JobFollower.PauseAfterPoll(interval, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(150), JobFollower.PauseAfterPoll(interval, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(TimeSpan.Zero, JobFollower.PauseAfterPoll(interval, TimeSpan.FromSeconds(2)));
        Assert.Equal(interval, JobFollower.PauseAfterPoll(interval, TimeSpan.FromMilliseconds(-5))); // a clock set back
    }
}
