using System.Diagnostics;
using System.Globalization;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;
using Xunit.Abstractions;

namespace AapPacker.Engine.Tests.Interruption;

/// <summary>A gateway simulator at twenty times real time: the Baseline job runs about half a second, long enough to interrupt it while it streams.</summary>
public sealed class TwentyfoldGatewaySimulatorFixture : SimulatorFixture
{
    /// <inheritdoc />
    public override string Layout => "gateway";

    /// <inheritdoc />
    protected override double TimeScale => 20;
}

/// <summary>
/// Issue 4 item 1, in process: Ctrl-C (the build's token canceled) at reproducible random points of whole lifecycles —
/// before or after any call: preflight, each create, the launch, while the output streams, during cleanup. For each
/// point: a job still running is canceled within 5 s of the interrupt (the cancel POST's time in the simulator's request
/// log), the cancel is the first change sent after the interrupt, and nothing is left. Figures and the seed go to the
/// test log; set AAPPACKER_INTERRUPT_SEED to replay a run.
/// </summary>
public sealed class InterruptSuiteTests(TwentyfoldGatewaySimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<TwentyfoldGatewaySimulatorFixture>
{
    private const int Points = 24;
    private static readonly TimeSpan CancelBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Given_an_interrupt_at_random_points_of_the_lifecycle_then_a_running_job_is_canceled_first_within_5_s_and_nothing_is_left()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("AAPPACKER_INTERRUPT_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Environment.TickCount & 0x7fffffff;
        output.WriteLine($"interrupt suite (in process): seed {seed} (AAPPACKER_INTERRUPT_SEED={seed} replays it), {Points} points");
        var random = new Random(seed);
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));

        // A whole uninterrupted lifecycle first: how many calls it makes, so the points spread over all of them.
        await fixture.ResetAsync();
        var counting = new InterruptingApi(new AapClientApi(client), new CancellationTokenSource(), interruptAtCall: 0, afterAnswer: false);
        var baseline = await new ProvisioningSession(counting).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);
        Assert.Equal(AapProvisionExitCode.Success, baseline.ExitCode);
        var total = counting.Calls;
        output.WriteLine($"an uninterrupted lifecycle makes {total} calls");

        var failures = new List<string>();
        var worst = TimeSpan.Zero;
        var canceledJobs = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Points; i++)
        {
            // The first points pin the edges (the very first call, the launch POST); the rest are random.
            var call = i == 0 ? 1 : random.Next(1, total + 1);
            var after = random.Next(2) == 1;
            await fixture.ResetAsync();
            using var build = new CancellationTokenSource();
            var api = new InterruptingApi(new AapClientApi(client), build, call, after);
            var outcome = await new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Baseline"), build.Token);

            var state = await fixture.Control.GetStateAsync();
            var left = state.GetProperty("userObjects").GetInt32();
            var requests = await fixture.Control.GetRequestsAsync();
            var jobIds = state.GetProperty("launches").EnumerateArray().Select(l => l.GetProperty("jobId").GetInt32()).ToList();
            var line = $"point {i + 1,2}: call {call,3} of {total} {api.Point,-40} exit {(int)outcome.ExitCode}, leftovers {left}";
            if (left != 0)
            {
                failures.Add(line + ": objects left");
            }

            foreach (var jobId in jobIds)
            {
                var status = await LifecycleHarness.JobStatusAsync(fixture, jobId);
                var cancel = requests.FirstOrDefault(r => r.Method == "POST" && r.Path.EndsWith($"/jobs/{jobId}/cancel/", StringComparison.Ordinal));
                if (outcome.Result != null && cancel is null)
                {
                    line += $", job {jobId} {status} before the interrupt took effect";
                    continue;
                }

                if (cancel is null && api.JobEndReadBeforeInterrupt)
                {
                    // The job ended on its own and the build read it (and began its cleanup): nothing left to cancel.
                    line += $", job {jobId} {status}, its end read by a poll sent before the interrupt";
                    continue;
                }

                if (cancel is null || api.InterruptedAt is null)
                {
                    failures.Add(line + $": job {jobId} ({status}) was not canceled");
                    continue;
                }

                var delay = cancel.At - api.InterruptedAt.Value;
                worst = delay > worst ? delay : worst;
                canceledJobs++;
                line += $", job {jobId} {status}, cancel POST {delay.TotalMilliseconds:0} ms after the interrupt";
                var firstChange = requests.FirstOrDefault(r => r.At >= api.InterruptedAt.Value && (r.Method == "POST" || r.Method == "DELETE"));
                if (delay > CancelBound)
                {
                    failures.Add(line + ": cancel too late");
                }

                if (firstChange != null && firstChange != cancel && firstChange.Method == "DELETE")
                {
                    failures.Add(line + $": {firstChange.Method} {firstChange.Path} went before the cancel");
                }
            }

            output.WriteLine(line);
        }

        output.WriteLine($"interrupt suite (in process): {Points} points in {clock.Elapsed.TotalSeconds:0.0} s, {canceledJobs} running jobs canceled, slowest cancel {worst.TotalMilliseconds:0} ms after the interrupt, {failures.Count} failures (seed {seed})");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
