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
            interval = JobFollower.NextInterval(interval, active: false, options);
            elapsed += interval;
        }

        Assert.True(polls * 2 <= 30 + 10, $"{polls} polls of 2 requests in the first minute"); // the fast start costs a few
        var steady = (int)Math.Ceiling(TimeSpan.FromMinutes(1) / options.MaxPollInterval) * 2;
        Assert.True(steady <= 30, $"{steady} requests per minute once backed off");
    }

    [Fact]
    public void Given_output_flowing_when_polling_then_the_interval_returns_to_the_fastest()
    {
        var options = new JobFollowOptions();

        Assert.Equal(options.MinPollInterval, JobFollower.NextInterval(options.MaxPollInterval, active: true, options));
        Assert.Equal(TimeSpan.FromMilliseconds(375), JobFollower.NextInterval(options.MinPollInterval, active: false, options));
        Assert.Equal(options.MaxPollInterval, JobFollower.NextInterval(TimeSpan.FromSeconds(3.5), active: false, options));
    }
}
