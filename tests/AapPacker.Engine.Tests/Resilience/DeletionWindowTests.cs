using System.Globalization;
using System.Text.RegularExpressions;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.Resilience;

/// <summary>
/// AAP's deletion windows, one at a time (issue 4 item 5): 409 active_jobs, 403 still processing events, the 202
/// asynchronous inventory delete and 404 already gone are waited out with bounded backoff; an object that still
/// cannot be removed gives a warning naming it, and the exit code stays the job's.
/// </summary>
public sealed class DeletionWindowTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    private static readonly Regex InventoryPath = new("/inventories/\\d+/$", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData(409)]
    [InlineData(403)]
    public async Task Given_an_inventory_delete_refused_for_a_while_when_cleaning_up_then_it_is_retried_until_removed(int refusal)
    {
        var resources = await CreateAsync();
        await Fixture.Control.AddFaultsAsync(new FaultSpec("DELETE", "/inventories/\\d+/$", "status") { Status = refusal, Count = 3 });
        await Fixture.Control.ClearRequestsAsync();

        var cleanup = await new BuildCleanup(Api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);

        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Equal([refusal, refusal, refusal, 202], await InventoryDeleteStatusesAsync());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(Fixture));
    }

    [Fact]
    public async Task Given_the_asynchronous_inventory_delete_when_cleaning_up_then_it_is_followed_until_the_inventory_is_gone()
    {
        var resources = await CreateAsync();
        await Fixture.Control.ClearRequestsAsync();

        var cleanup = await new BuildCleanup(Api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);

        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Contains(cleanup.Removed, i => i.ObjectType == "inventory");
        var requests = (await Fixture.Control.GetRequestsAsync()).Where(r => InventoryPath.IsMatch(r.Path)).ToList();
        Assert.Equal(("DELETE", 202), (requests[0].Method, requests[0].Status));
        Assert.Equal(("GET", 404), (requests[^1].Method, requests[^1].Status)); // gone, confirmed, not assumed
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(Fixture));
    }

    [Fact]
    public async Task Given_a_credential_someone_already_deleted_when_cleaning_up_then_its_404_counts_as_gone_not_as_a_failure()
    {
        var resources = await CreateAsync();
        await Api.DeleteAsync("credentials/" + resources.Credential!.Id + "/", CancellationToken.None);

        var cleanup = await new BuildCleanup(Api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);

        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Contains(cleanup.AlreadyGone, i => i.ObjectType == "credential" && i.Id == resources.Credential.Id);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(Fixture));
    }

    [Theory]
    [InlineData("Baseline", AapProvisionExitCode.Success)]
    [InlineData("Failing Playbook", AapProvisionExitCode.JobFailed)]
    public async Task Given_an_inventory_AAP_never_lets_go_when_provisioning_then_a_warning_names_it_and_the_job_decides_the_exit_code(
        string template, AapProvisionExitCode expected)
    {
        await Fixture.Control.AddFaultsAsync(new FaultSpec("DELETE", "/inventories/\\d+/$", "status") { Status = 409, Count = 100_000 });
        var request = LifecycleHarness.Request(template);
        request.Cleanup.Timeout = TimeSpan.FromSeconds(2); // bounded: the build does not hang on a stuck object
        request.LedgerDirectory = Path.Combine(Path.GetTempPath(), "aappacker-ledger-" + Guid.NewGuid().ToString("N"));
        request.Credential.BecomeMethod = "sudo";
        request.Credential.BecomePassword = SecretText.FromPlainText(TestSecretCatalog.BecomePassword);
        var reporter = new RecordingReporter();

        var outcome = await new ProvisioningSession(Api, reporter).RunAsync(request, CancellationToken.None);

        // What is left is in the ledger, for Remove-AapBuildResources -BuildId: ids and names, never a secret.
        var ledger = Assert.Single(Directory.GetFiles(request.LedgerDirectory));
        Assert.Contains(outcome.Resources.Inventory!.Id.ToString(CultureInfo.InvariantCulture), File.ReadAllText(ledger), StringComparison.Ordinal);
        Assert.Empty(new SecretChecker().CheckFile(ledger));
        Directory.Delete(request.LedgerDirectory, recursive: true);

        Assert.Equal(expected, outcome.ExitCode);
        var inventory = outcome.Resources.Inventory!;
        var warning = Assert.Single(reporter.Warnings, w => w.StartsWith("Could not remove inventory", StringComparison.Ordinal));
        Assert.Contains($"inventory {inventory.Id} '{inventory.Name}'", warning, StringComparison.Ordinal);
        Assert.Contains($"Remove-AapBuildResources -BuildId '{request.BuildId}'", warning, StringComparison.Ordinal);
        Assert.False(outcome.Cleanup!.Complete);
        Assert.Equal(AapCleanupOutcome.Left, Assert.Single(outcome.Cleanup.Left, i => i.ObjectType == "inventory").Outcome);
        Assert.Contains(outcome.Cleanup.Removed, i => i.ObjectType == "credential"); // removed first, still went

        await Fixture.Control.ClearFaultsAsync();
        Assert.True((await new BuildCleanup(Api, LifecycleHarness.Request("x").Cleanup).RunAsync(outcome.Resources, null)).Complete);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(Fixture));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(202)]
    public async Task Given_a_taker_when_aap_first_makes_the_cleanup_wait_then_the_inventory_is_handed_over_after_the_credential_went(int first)
    {
        var resources = await CreateAsync();
        if (first == 403)
        {
            await Fixture.Control.AddFaultsAsync(new FaultSpec("DELETE", "/inventories/\\d+/$", "status") { Status = 403, Count = 1 });
        }

        await Fixture.Control.ClearRequestsAsync();
        var asked = 0;
        var cleanup = new BuildCleanup(Api, LifecycleHarness.Request("x").Cleanup) { HandOff = () => ++asked > 0 };

        var result = await cleanup.RunAsync(resources, null);

        Assert.Equal(1, asked);
        Assert.Contains(result.Removed, i => i.ObjectType == "credential" && i.Id == resources.Credential!.Id);
        var handed = Assert.Single(result.HandedOff);
        Assert.Equal(("inventory", resources.Inventory!.Id), (handed.ObjectType, handed.Id));
        Assert.Contains(first.ToString(CultureInfo.InvariantCulture), handed.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Left);
        Assert.Equal([first], await InventoryDeleteStatusesAsync()); // one attempt, no wait, no GET to confirm
        Assert.DoesNotContain(await Fixture.Control.GetRequestsAsync(), r => r.Method == "GET" && InventoryPath.IsMatch(r.Path));
    }

    [Fact]
    public async Task Given_a_taker_that_refuses_when_aap_makes_the_cleanup_wait_then_the_build_waits_and_confirms_itself()
    {
        var resources = await CreateAsync();
        await Fixture.Control.AddFaultsAsync(new FaultSpec("DELETE", "/inventories/\\d+/$", "status") { Status = 403, Count = 2 });
        await Fixture.Control.ClearRequestsAsync();
        var asked = 0;
        var cleanup = new BuildCleanup(Api, LifecycleHarness.Request("x").Cleanup) { HandOff = () => ++asked < 0 };

        var result = await cleanup.RunAsync(resources, null);

        Assert.Equal(1, asked); // asked once, not at every refusal
        Assert.True(result.Complete, result.ToString());
        Assert.Empty(result.HandedOff);
        Assert.Contains(result.Removed, i => i.ObjectType == "inventory");
        Assert.Equal([403, 403, 202], await InventoryDeleteStatusesAsync());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(Fixture));
    }

    private async Task<AapBuildResources> CreateAsync()
    {
        var build = BuildIdentity.Create(null, null, null);
        var temporary = new TemporaryResources(Api);
        var inventory = await temporary.CreateInventoryAsync(build, 1, null, null, CancellationToken.None);
        var host = await temporary.AddHostAsync(inventory.Id, HostVariablesBuilder.Build(new HostTarget { Address = "10.0.0.5" }), null, build.BuildId, null, CancellationToken.None);
        var machineType = await MachineCredentialType.FindIdAsync(Api, CancellationToken.None);
        var credential = await temporary.CreateMachineCredentialAsync(build, 1, machineType,
            new MachineCredentialInputs { UserName = "ec2-user", Password = SecretText.FromPlainText(TestSecretCatalog.TargetPassword) }, null, CancellationToken.None);
        return new AapBuildResources { BuildId = build.BuildId, Inventory = inventory, Hosts = [host], Credential = credential };
    }

    private async Task<List<int>> InventoryDeleteStatusesAsync()
        => (await Fixture.Control.GetRequestsAsync()).Where(r => r.Method == "DELETE" && InventoryPath.IsMatch(r.Path)).Select(r => r.Status).ToList();
}
