using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>Lists are read page by page with page_size=200, following AAP's relative next links.</summary>
public class PagingTests(GatewaySimulatorFixture gateway) : IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Every_item_of_a_list_longer_than_a_page_is_returned()
    {
        await gateway.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));
        var inventory = await client.PostAsync("inventories/", new { name = "paging-" + Guid.NewGuid().ToString("N")[..8], organization = 1 }, CancellationToken.None);
        var inventoryId = inventory.GetProperty("id").GetInt32();
        const int HostCount = 230;
        for (var i = 0; i < HostCount; i++)
        {
            await client.PostAsync("hosts/", new { name = "host-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), inventory = inventoryId, variables = "" }, CancellationToken.None);
        }

        await gateway.Control.ClearRequestsAsync();
        var names = new List<string>();
        await foreach (var host in client.ListAsync("inventories/" + inventoryId + "/hosts/", CancellationToken.None))
        {
            names.Add(host.GetProperty("name").GetString()!);
        }

        Assert.Equal(HostCount, names.Count);
        Assert.Equal(HostCount, names.Distinct().Count());
        var pages = (await gateway.Control.GetRequestsAsync()).Where(r => r.Path.EndsWith("/hosts/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Contains("page_size=200", p.Query));
        Assert.All(pages, p => Assert.StartsWith("/api/controller/v2/", p.Path));
    }

    [Fact]
    public async Task A_page_size_above_the_cap_still_yields_everything()
    {
        await gateway.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));
        var inventoryIds = new List<int>();
        for (var i = 0; i < 205; i++)
        {
            var inventory = await client.PostAsync("inventories/", new { name = "cap-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), organization = 2 }, CancellationToken.None);
            inventoryIds.Add(inventory.GetProperty("id").GetInt32());
        }

        var listed = new List<int>();
        await foreach (var item in client.ListAsync("inventories/?page_size=500", CancellationToken.None))
        {
            listed.Add(item.GetProperty("id").GetInt32());
        }

        Assert.Superset(inventoryIds.ToHashSet(), listed.ToHashSet());
        var requests = (await gateway.Control.GetRequestsAsync()).Where(r => r.Method == "GET" && r.Path.EndsWith("/inventories/", StringComparison.Ordinal)).ToList();
        Assert.True(requests.Count >= 2, "expected the 200 cap to force a second page");
    }

    [Fact]
    public async Task A_short_list_is_one_request()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));
        var types = new List<string>();
        await foreach (var type in client.ListAsync("credential_types", CancellationToken.None))
        {
            types.Add(type.GetProperty("name").GetString()!);
        }

        Assert.True(types.Count > 25, "the seed has more than 25 credential types (AAP's default page size)");
    }

    [Fact]
    public async Task Listing_something_that_is_not_a_list_is_a_protocol_error()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));
        var error = await Assert.ThrowsAsync<AapApiException>(async () =>
        {
            await foreach (var unused in client.ListAsync("ping/", CancellationToken.None))
            {
            }
        });
        Assert.Equal(AapErrorKind.Protocol, error.Kind);
    }
}
