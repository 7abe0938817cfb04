using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>The typed inventories resource against the simulator over loopback HTTP (issue 11 item 1).</summary>
public sealed class InventoriesResourceTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_a_create_when_reading_it_back_then_the_typed_record_carries_what_aap_made()
    {
        var created = await Api.Inventories().CreateAsync("aappacker-typed-1", 1, "made by a test", "", CancellationToken.None);

        var read = await Api.Inventories().GetAsync(created.Id, CancellationToken.None);

        Assert.True(created.Id > 0);
        Assert.Equal(("aappacker-typed-1", 1, "made by a test"), (read.Name, read.OrganizationId, read.Description));
        Assert.Equal(created.Id, read.Id);
        Assert.EndsWith("/inventories/" + created.Id + "/", read.ApiPath);
        Assert.NotNull(read.Created);
        Assert.False(read.PendingDeletion);
    }

    [Fact]
    public async Task Given_a_502_after_aap_made_the_inventory_when_creating_then_it_is_adopted_not_made_twice()
    {
        await Fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "lostResponse") { Status = 502, Count = 1 });
        await Fixture.Control.ClearRequestsAsync();

        var created = await Api.Inventories().CreateAsync("aappacker-adopted-1", 1, "", "", CancellationToken.None);

        Assert.Single(await RequestLogQueries.StatusesAsync(Fixture, "POST", "/inventories/$"));
        var named = await Api.Inventories().FindByNameAsync("aappacker-adopted-1", CancellationToken.None);
        Assert.Equal(created.Id, Assert.Single(named).Id);
    }

    [Fact]
    public async Task Given_a_503_before_aap_acted_when_creating_then_the_post_is_sent_again()
    {
        await Fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "status") { Status = 503, Count = 1 });
        await Fixture.Control.ClearRequestsAsync();

        var created = await Api.Inventories().CreateAsync("aappacker-retried-1", 1, "", "", CancellationToken.None);

        Assert.Equal([503, 201], await RequestLogQueries.StatusesAsync(Fixture, "POST", "/inventories/$"));
        Assert.Equal("aappacker-retried-1", created.Name);
    }

    [Fact]
    public async Task Given_a_name_prefix_and_an_organization_when_listing_then_only_those_come_back_with_their_organization()
    {
        await Api.Inventories().CreateAsync("aappacker-list-b", 1, "", "", CancellationToken.None);
        await Api.Inventories().CreateAsync("aappacker-list-a", 1, "", "", CancellationToken.None);
        await Api.Inventories().CreateAsync("other-list-c", 1, "", "", CancellationToken.None);

        var listed = new List<InventoryRecord>();
        await foreach (var inventory in Api.Inventories().ListAsync(new InventoryListFilter { NameStartsWith = "aappacker-list-", OrganizationId = 1 }, CancellationToken.None))
        {
            listed.Add(inventory);
        }

        Assert.Equal(["aappacker-list-a", "aappacker-list-b"], listed.Select(i => i.Name));
        Assert.All(listed, i => Assert.Equal("Default", i.OrganizationName));
    }

    [Fact]
    public async Task Given_an_id_aap_does_not_have_when_reading_then_get_or_null_is_null_and_get_throws_not_found()
    {
        Assert.Null(await Api.Inventories().GetOrNullAsync(987654, CancellationToken.None));
        var e = await Assert.ThrowsAsync<AapApiException>(() => Api.Inventories().GetAsync(987654, CancellationToken.None));
        Assert.Equal(AapErrorKind.NotFound, e.Kind);
    }
}
