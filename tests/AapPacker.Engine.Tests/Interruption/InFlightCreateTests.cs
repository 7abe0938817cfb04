using System.Text.RegularExpressions;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Interruption;

/// <summary>
/// Ctrl-C while a create is on the wire. AAP finishes a request whatever the client does, so a create aborted on the
/// wire would leave an object nobody recorded. The simulator's <c>slowAnswer</c> fault acts at once and answers
/// 3 s later; the build is interrupted once AAP has acted, before the answer: the object must still be recorded and
/// removed.
/// </summary>
public sealed class InFlightCreateTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    [Theory]
    [InlineData("/inventories/$")]
    [InlineData("/inventories/\\d+/hosts/$")]
    [InlineData("/credentials/$")]
    public async Task Given_a_create_AAP_has_acted_on_when_the_build_is_interrupted_before_the_answer_then_the_object_is_removed(string createPath)
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", createPath, "slowAnswer") { LatencyMs = 3000, Count = 1 });
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        using var build = new CancellationTokenSource();

        var run = new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Baseline"), build.Token);
        await WhenAapHasActedAsync(new Regex(createPath));
        build.Cancel();
        var outcome = await run;

        Assert.Equal(AapProvisionExitCode.JobCanceled, outcome.ExitCode);
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        Assert.Empty(await LifecycleHarness.LaunchesAsync(fixture));
    }

    // The simulator logs a slowAnswer request when it has acted, before it answers: that entry is the event to wait for.
    private async Task WhenAapHasActedAsync(Regex createPath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await fixture.Control.GetRequestsAsync()).Any(r => r.Method == "POST" && r.Status == 201 && createPath.IsMatch(r.Path)))
        {
            Assert.True(DateTime.UtcNow < deadline, "AAP never received the create.");
            await Task.Delay(20);
        }
    }
}
