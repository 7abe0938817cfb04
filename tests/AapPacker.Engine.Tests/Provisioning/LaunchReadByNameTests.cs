using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Api.Resources;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;
using AapPacker.Simulator;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>
/// A job template given by name has what its launch accepts read by name (AWX's bare-name route) beside its lookup.
/// That route picks among namesakes on its own, so its answer is kept only for the template the lookup resolved.
/// </summary>
public sealed class LaunchReadByNameTests(NamesakeSimulatorFixture fixture) : IClassFixture<NamesakeSimulatorFixture>
{
    [Fact]
    public async Task Given_namesakes_in_two_organizations_when_the_by_name_route_picks_the_other_one_then_the_launch_is_read_by_id_and_the_right_template_runs()
    {
        await fixture.ResetAsync();
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var routed = await api.GetAsync("job_templates/Shared%20Build/launch/", CancellationToken.None);
        var routedId = routed.GetProperty("job_template_data").GetProperty("id").GetInt32();
        var wanted = await OtherNamesakeAsync(api, routedId);
        var request = LifecycleHarness.Request("Shared Build");
        request.Organization = wanted.OrganizationName;
        await fixture.Control.ClearRequestsAsync();

        var outcome = await new ProvisioningSession(api).RunAsync(request, CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith("/job_templates/Shared Build/launch/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith($"/job_templates/{wanted.Id}/launch/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Method == "POST" && r.Path.EndsWith($"/job_templates/{wanted.Id}/launch/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Method == "POST" && r.Path.EndsWith($"/job_templates/{routedId}/launch/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_the_by_name_read_fails_when_provisioning_then_the_launch_is_read_by_id_and_the_build_succeeds()
    {
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(new FaultSpec("GET", "/job_templates/Only Here/launch/$", "status") { Status = 403 });
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var id = await ResourceTestSupport.TemplateIdAsync(api, false, "Only Here");

        var outcome = await new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Only Here"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith("/job_templates/Only Here/launch/", StringComparison.Ordinal) && r.Status == 403);
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith($"/job_templates/{id}/launch/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_name_the_route_cannot_carry_when_provisioning_then_only_the_by_id_read_is_made()
    {
        await fixture.ResetAsync();
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var _ = client;
        var id = await ResourceTestSupport.TemplateIdAsync(api, false, "Images/Linux");

        var outcome = await new ProvisioningSession(api).RunAsync(LifecycleHarness.Request("Images/Linux"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        var launchReads = (await fixture.Control.GetRequestsAsync()).Where(r => r.Method == "GET" && r.Path.EndsWith("/launch/", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"/job_templates/{id}/launch/"], launchReads.Select(r => r.Path[r.Path.IndexOf("/job_templates/", StringComparison.Ordinal)..]));
    }

    [Theory]
    [InlineData("Baseline", true)]
    [InlineData("Install Docker (RHEL 9)", true)]
    [InlineData("a+b", true)]
    [InlineData("Images/Linux", false)]
    [InlineData(@"Images\Linux", false)]
    [InlineData("100% done", false)]
    [InlineData("C++ build", false)]
    [InlineData("12345", false)]
    [InlineData("..", false)]
    [InlineData(" padded", false)]
    [InlineData("", false)]
    public void A_name_is_sent_in_the_by_name_route_only_when_AWX_reads_it_back_unchanged(string name, bool addressable)
        => Assert.Equal(addressable, JobTemplatesResource.CanAddressByName(name));

    private static async Task<(int Id, string OrganizationName)> OtherNamesakeAsync(IAapApi api, int routedId)
    {
        await foreach (var template in api.JobTemplates().ListAsync(new TemplateListQuery { Name = "Shared Build" }, CancellationToken.None))
        {
            if (template.Id != routedId)
            {
                var organization = await api.GetAsync($"organizations/{template.OrganizationId}/", CancellationToken.None);
                return (template.Id, organization.GetProperty("name").GetString()!);
            }
        }

        throw new InvalidOperationException("The scenario has one 'Shared Build' only.");
    }
}

/// <summary>The simulator with two job templates of one name in two organizations, and names the by-name route cannot carry.</summary>
public sealed class NamesakeSimulatorFixture : SimulatorFixture
{
    private readonly string _scenarioPath = Path.Combine(Path.GetTempPath(), "aappacker-namesakes-" + Guid.NewGuid().ToString("N") + ".json");

    /// <inheritdoc />
    public override string Layout => "awx";

    /// <inheritdoc />
    protected override SimulatorOptions CreateOptions()
    {
        File.WriteAllText(_scenarioPath, """
            {
              "jobTemplates": [
                { "name": "Shared Build", "organization": "Default", "ask": ["inventory", "credential", "variables"], "eventCount": 6, "runSeconds": 2 },
                { "name": "Shared Build", "organization": "Engineering", "ask": ["inventory", "credential", "variables"], "eventCount": 6, "runSeconds": 2 },
                { "name": "Only Here", "ask": ["inventory", "credential", "variables"], "eventCount": 6, "runSeconds": 2 },
                { "name": "Images/Linux", "ask": ["inventory", "credential", "variables"], "eventCount": 6, "runSeconds": 2 }
              ]
            }
            """);
        var options = base.CreateOptions();
        options.ScenarioPath = _scenarioPath;
        return options;
    }

    /// <inheritdoc />
    protected override void OnDisposed() => File.Delete(_scenarioPath);
}
