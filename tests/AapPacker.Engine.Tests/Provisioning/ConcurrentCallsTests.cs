using System.Text.RegularExpressions;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Api.Resources;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>
/// Issue 11 item 8: calls that do not depend on each other go out together. The simulator's latency fault holds each
/// of the calls below for a while; calls made one after the other can never overlap in the request log (each is sent
/// after the answer before it), calls made together do: each arrived before the other was answered.
/// </summary>
public sealed class ConcurrentCallsTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private const int HeldMs = 400;

    [Fact]
    public async Task Given_a_slow_AAP_when_provisioning_then_independent_lookups_creates_and_deletes_overlap_and_nothing_is_left()
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(
            Held("GET", "/credential_types/$"),
            Held("GET", "/organizations/$"),
            Held("POST", "/inventories/$"),
            Held("POST", "/credentials/$"),
            Held("DELETE", "/credentials/\\d+/$"),
            Held("DELETE", "/inventories/\\d+/$"));
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;

        var outcome = await new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        AssertOverlap(requests, ("GET", "/credential_types/$"), ("GET", "/organizations/$"));
        AssertOverlap(requests, ("POST", "/credentials/$"), ("POST", "/inventories/$"));
        AssertOverlap(requests, ("DELETE", "/credentials/\\d+/$"), ("DELETE", "/inventories/\\d+/$"));
    }

    [Fact]
    public async Task Given_a_slow_AAP_when_a_build_connects_with_me_alongside_then_me_the_organization_and_template_lookups_overlap_polls_are_one_round_trip_and_recaps_need_none()
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(
            Held("GET", "/me/$"),
            Held("GET", "/organizations/$"),
            Held("GET", "/job_templates/$"),
            Held("GET", "/jobs/\\d+/$"),
            Held("GET", "/jobs/\\d+/job_events/$"));
        using var client = await AapClient.ConnectAsync(Clients.TokenOptions(fixture.BaseUri), verifyAlongside: true, CancellationToken.None);
        var api = new AapClientApi(client);

        var outcome = await new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.NotEmpty(outcome.Result!.HostRecaps);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        AssertOverlap(requests, ("GET", "/me/$"), ("GET", "/organizations/$"));
        AssertOverlap(requests, ("GET", "/organizations/$"), ("GET", "/job_templates/$"));
        AssertOverlap(requests, ("GET", "/jobs/\\d+/$"), ("GET", "/jobs/\\d+/job_events/$"));
        Assert.DoesNotContain(requests, r => r.Path.EndsWith("/job_host_summaries/", StringComparison.Ordinal)); // read from the recap event
    }

    [Fact]
    public async Task Given_a_job_whose_last_output_is_slow_to_read_when_it_ends_then_the_deletes_go_out_beside_that_read_and_are_reported_after_the_output()
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(Held("GET", "/jobs/\\d+/job_events/$"));
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var reporter = new RecordingReporter();

        var outcome = await new ProvisioningSession(api, reporter).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        var delete = First(requests, ("DELETE", "/credentials/\\d+/$"));
        var lastRead = requests.Last(r => r.Method == "GET" && Regex.IsMatch(r.Path, "/jobs/\\d+/job_events/$"));
        Assert.True(delete.Started < lastRead.At, $"the credential's DELETE ({delete.Started:HH:mm:ss.fff}) waited for the last output read ({lastRead.At:HH:mm:ss.fff})");
        var everything = reporter.Everything.ToList();
        var lastOutput = everything.LastIndexOf(reporter.Output[^1].Text);
        var cleaning = everything.FindIndex(l => l.StartsWith("Cleaning up build", StringComparison.Ordinal));
        Assert.True(lastOutput >= 0 && cleaning > lastOutput, "the cleanup's lines came before the job's last output line");
    }

    [Fact]
    public async Task Given_a_bad_token_when_a_build_connects_with_me_alongside_then_me_s_401_is_thrown_and_nothing_is_sent_that_changes_AAP()
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(Held("GET", "/me/$"));
        using var client = await AapClient.ConnectAsync(Clients.TokenOptions(fixture.BaseUri, token: "not-a-valid-token"), verifyAlongside: true, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AapApiException>(
            () => new ProvisioningSession(new AapClientApi(client)).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None));

        Assert.Equal(AapErrorKind.Unauthorized, error.Kind);
        Assert.EndsWith("/me/", error.Path, StringComparison.Ordinal);
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith("/organizations/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task Given_an_unknown_organization_when_its_lookup_overlaps_the_template_s_then_the_organization_is_the_error()
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(Held("GET", "/organizations/$"), Held("GET", "/job_templates/$"));
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var request = LifecycleHarness.Request("Baseline");
        request.Organization = "No Such Organization";

        var outcome = await new ProvisioningSession(api).RunAsync(request, CancellationToken.None);

        var error = Assert.IsType<AapProvisioningException>(outcome.Error);
        Assert.Equal(ProvisioningErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("organization named 'No Such Organization'", error.Message, StringComparison.Ordinal);
        AssertOverlap(await fixture.Control.GetRequestsAsync(), ("GET", "/organizations/$"), ("GET", "/job_templates/$"));
    }

    [Fact]
    public async Task Given_a_template_by_id_on_a_slow_AAP_when_provisioning_then_the_template_and_its_launch_requirements_are_read_together()
    {
        await fixture.ResetAsync();
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var id = await ResourceTestSupport.TemplateIdAsync(api, false, "Baseline");
        await fixture.Control.AddFaultsAsync(Held("GET", $"/job_templates/{id}/$"), Held("GET", $"/job_templates/{id}/launch/$"));
        var request = LifecycleHarness.Request("Baseline");
        request.JobTemplate = NameOrId.FromId(id);

        var outcome = await new ProvisioningSession(api).RunAsync(request, CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        AssertOverlap(await fixture.Control.GetRequestsAsync(), ("GET", $"/job_templates/{id}/$"), ("GET", $"/job_templates/{id}/launch/$"));
    }

    [Fact]
    public async Task Given_a_template_by_name_on_a_slow_AAP_when_provisioning_then_its_launch_requirements_are_read_by_name_beside_the_lookup()
    {
        await fixture.ResetAsync();
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var id = await ResourceTestSupport.TemplateIdAsync(api, false, "Baseline");
        await fixture.Control.AddFaultsAsync(Held("GET", "/job_templates/$"), Held("GET", "/job_templates/Baseline/launch/$"));
        await fixture.Control.ClearRequestsAsync();

        var outcome = await new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        AssertOverlap(requests, ("GET", "/job_templates/$"), ("GET", "/job_templates/Baseline/launch/$"));
        Assert.DoesNotContain(requests, r => r.Method == "GET" && r.Path.EndsWith($"/job_templates/{id}/launch/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_an_unknown_template_id_when_its_launch_requirements_are_read_beside_it_then_the_template_is_the_error_and_nothing_is_created()
    {
        await fixture.ResetAsync();
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var request = LifecycleHarness.Request("Baseline");
        request.JobTemplate = NameOrId.FromId(98765);

        var outcome = await new ProvisioningSession(api).RunAsync(request, CancellationToken.None);

        var error = Assert.IsType<AapProvisioningException>(outcome.Error);
        Assert.Equal(ProvisioningErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("98765", error.Message, StringComparison.Ordinal);
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith("/job_templates/98765/launch/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Method != "GET");
    }

    private static FaultSpec Held(string method, string path) => new(method, path, "latency") { LatencyMs = HeldMs };

    /// <summary>The first request matching each pattern (method, path regex) arrived before the other's answer.</summary>
    private static void AssertOverlap(IReadOnlyList<LoggedRequest> requests, (string Method, string Path) one, (string Method, string Path) other)
    {
        var a = First(requests, one);
        var b = First(requests, other);
        Assert.True(a.Started < b.At && b.Started < a.At,
            $"{a.Method} {a.Path} ({a.Started:HH:mm:ss.fff}–{a.At:HH:mm:ss.fff}) and {b.Method} {b.Path} ({b.Started:HH:mm:ss.fff}–{b.At:HH:mm:ss.fff}) ran one after the other.");
    }

    private static LoggedRequest First(IReadOnlyList<LoggedRequest> requests, (string Method, string Path) pattern)
    {
        var found = requests.FirstOrDefault(r => r.Method == pattern.Method && Regex.IsMatch(r.Path, pattern.Path));
        Assert.True(found?.Started is not null, $"no {pattern.Method} {pattern.Path} in the request log");
        return found!;
    }
}
