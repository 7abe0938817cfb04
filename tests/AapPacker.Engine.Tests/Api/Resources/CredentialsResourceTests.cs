using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>The typed credentials and credential types resources against the simulator over loopback HTTP (issue 11 item 1).</summary>
public sealed class CredentialsResourceTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_the_machine_type_when_listing_namespace_ssh_then_one_managed_ssh_type_comes_back()
    {
        var types = new List<CredentialTypeRecord>();
        await foreach (var type in Api.CredentialTypes().ListByNamespaceAsync("ssh", CancellationToken.None))
        {
            types.Add(type);
        }

        var machine = Assert.Single(types);
        Assert.Equal(("ssh", "ssh", true), (machine.Kind, machine.Namespace, machine.Managed));
        Assert.Equal(machine.Id, await MachineCredentialType.FindIdAsync(Api, CancellationToken.None));
    }

    [Fact]
    public async Task Given_a_created_credential_when_reading_and_listing_then_the_record_has_its_type_kind_and_user_but_no_secret()
    {
        var machineType = await MachineCredentialType.FindIdAsync(Api, CancellationToken.None);
        var inputs = new Dictionary<string, string> { ["username"] = "ec2-user", ["password"] = TestSecretCatalog.TargetPassword };

        var created = await Api.Credentials().CreateAsync("aappacker-cred-1", "made by a test", 1, machineType, inputs, CancellationToken.None);
        var read = await Api.Credentials().GetAsync(created.Id, CancellationToken.None);

        Assert.Equal(("aappacker-cred-1", 1, machineType, "ssh", "ec2-user"), (read.Name, read.OrganizationId, read.CredentialTypeId, read.Kind, read.UserName));
        Assert.DoesNotContain(TestSecretCatalog.TargetPassword, read.ToString(), StringComparison.Ordinal);
        var listed = new List<CredentialRecord>();
        await foreach (var credential in Api.Credentials().ListByNamePrefixAsync("aappacker-cred-", 1, CancellationToken.None))
        {
            listed.Add(credential);
        }

        Assert.Equal(created.Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task Given_a_502_after_aap_made_the_credential_when_creating_then_it_is_adopted_not_made_twice()
    {
        var machineType = await MachineCredentialType.FindIdAsync(Api, CancellationToken.None);
        await Fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/credentials/$", "lostResponse") { Status = 502, Count = 1 });
        await Fixture.Control.ClearRequestsAsync();

        var created = await Api.Credentials().CreateAsync("aappacker-cred-2", "", 1, machineType,
            new Dictionary<string, string> { ["username"] = "u" }, CancellationToken.None);

        Assert.Single(await RequestLogQueries.StatusesAsync(Fixture, "POST", "/credentials/$"));
        Assert.Equal(created.Id, Assert.Single(await Api.Credentials().FindByNameAsync("aappacker-cred-2", CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Given_a_credential_someone_deleted_when_deleting_it_then_the_answer_is_404_already_gone()
    {
        var machineType = await MachineCredentialType.FindIdAsync(Api, CancellationToken.None);
        var created = await Api.Credentials().CreateAsync("aappacker-cred-3", "", 1, machineType, new Dictionary<string, string> { ["username"] = "u" }, CancellationToken.None);
        await Api.DeleteAsync("credentials/" + created.Id + "/", CancellationToken.None);

        Assert.Equal(404, await Api.Credentials().DeleteAsync(created.Id, CancellationToken.None));
    }
}
