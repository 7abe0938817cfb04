using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>The typed hosts resource against the simulator over loopback HTTP (issue 11 item 1).</summary>
public sealed class HostsResourceTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_a_host_added_to_an_inventory_when_reading_it_then_the_typed_record_names_its_inventory_and_marker()
    {
        var inventory = await Api.Inventories().CreateAsync("aappacker-hosts-1", 1, "", "", CancellationToken.None);

        var created = await Api.Hosts().CreateAsync(inventory.Id, "web1", "Added by AapPacker for build b1", "{\"ansible_host\": \"10.0.0.5\"}", CancellationToken.None);
        var read = await Api.Hosts().GetAsync(created.Id, CancellationToken.None);

        Assert.Equal(("web1", inventory.Id, "Added by AapPacker for build b1"), (read.Name, read.InventoryId, read.Description));
        Assert.EndsWith("/hosts/" + created.Id + "/", read.ApiPath);
        Assert.Equal(created.Id, Assert.Single(await Api.Hosts().FindInInventoryAsync(inventory.Id, "web1", CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Given_a_502_after_aap_added_the_host_when_creating_then_it_is_adopted_not_added_twice()
    {
        var inventory = await Api.Inventories().CreateAsync("aappacker-hosts-2", 1, "", "", CancellationToken.None);
        await Fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/[0-9]+/hosts/$", "lostResponse") { Status = 502, Count = 1 });
        await Fixture.Control.ClearRequestsAsync();

        var created = await Api.Hosts().CreateAsync(inventory.Id, "web2", "", "{}", CancellationToken.None);

        Assert.Single(await RequestLogQueries.StatusesAsync(Fixture, "POST", "/inventories/[0-9]+/hosts/$"));
        Assert.Equal(created.Id, Assert.Single(await Api.Hosts().FindInInventoryAsync(inventory.Id, "web2", CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Given_a_host_deleted_twice_then_the_second_delete_answers_404_already_gone()
    {
        var inventory = await Api.Inventories().CreateAsync("aappacker-hosts-3", 1, "", "", CancellationToken.None);
        var host = await Api.Hosts().CreateAsync(inventory.Id, "web3", "", "{}", CancellationToken.None);

        var first = await Api.Hosts().DeleteAsync(host.Id, CancellationToken.None);
        var second = await Api.Hosts().DeleteAsync(host.Id, CancellationToken.None);

        Assert.InRange(first, 200, 204);
        Assert.Equal(404, second);
        Assert.Null(await Api.Hosts().GetOrNullAsync(host.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Given_a_group_when_adding_a_host_twice_then_the_group_is_made_once_and_holds_the_host()
    {
        var inventory = await Api.Inventories().CreateAsync("aappacker-hosts-4", 1, "", "", CancellationToken.None);
        var host = await Api.Hosts().CreateAsync(inventory.Id, "web4", "", "{}", CancellationToken.None);

        var group = await Api.Groups().CreateAsync(inventory.Id, "linux", CancellationToken.None);
        await Api.Groups().AddHostAsync(group.Id!.Value, host.Id, "linux", CancellationToken.None);
        await Api.Groups().AddHostAsync(group.Id!.Value, host.Id, "linux", CancellationToken.None);

        Assert.Equal(group.Id, Assert.Single(await Api.Groups().FindInInventoryAsync(inventory.Id, "linux", CancellationToken.None)).Id);
        var members = await Api.GetAsync("groups/" + group.Id + "/hosts/", CancellationToken.None);
        Assert.Equal(host.Id, Assert.Single(members.GetProperty("results").EnumerateArray()).GetProperty("id").GetInt32());
    }
}
