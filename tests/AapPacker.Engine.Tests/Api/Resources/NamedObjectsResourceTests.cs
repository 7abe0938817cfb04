using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>Name-or-id lookups and suggestions as typed records, against the simulator over loopback HTTP (issue 11 item 1).</summary>
public sealed class NamedObjectsResourceTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_the_default_organization_when_looking_it_up_by_name_and_by_id_then_both_give_the_same_record()
    {
        var named = new List<NamedObjectRecord>();
        await foreach (var organization in Api.Organizations().ListByNameAsync("Default", CancellationToken.None))
        {
            named.Add(organization);
        }

        var byName = Assert.Single(named, o => o.Name == "Default");
        var byId = await Api.Organizations().GetAsync(byName.Id, CancellationToken.None);
        Assert.Equal(("Default", byName.Id), (byId.Name, byId.Id));
    }

    [Fact]
    public async Task Given_an_inventory_when_suggesting_inventories_of_its_organization_then_it_comes_with_its_organization()
    {
        await Api.Inventories().CreateAsync("aappacker-suggest-1", 1, "", "", CancellationToken.None);

        var found = new List<NamedObjectRecord>();
        await foreach (var item in Api.Named(NamedCollection.Inventories).SuggestAsync("aappacker-sugg", "Default", 10, CancellationToken.None))
        {
            found.Add(item);
        }

        var inventory = Assert.Single(found);
        Assert.Equal(("aappacker-suggest-1", 1, "Default"), (inventory.Name, inventory.OrganizationId, inventory.OrganizationName));
        Assert.Equal("inventories/?name__istartswith=aappacker-sugg&organization__name=Default&order_by=name&page_size=10",
            Api.Named(NamedCollection.Inventories).SuggestPath("aappacker-sugg", "Default", 10));
    }
}
