using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class GroupTests : SimTestBase
{
    private async Task<int> CreateGroupAsync(int inventory, string name)
    {
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/groups/"), new { name });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        return r["id"].GetValue<int>();
    }

    [Fact]
    public async Task Create_through_the_inventory_sublist_then_find_it_by_name()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/groups/"), new { name = "web" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal(inventory, r["inventory"].GetValue<int>());
        Assert.Equal($"/api/v2/groups/{r["id"]}/", r.Header("Location"));
        await CreateGroupAsync(inventory, "linux");

        var page = await S.GetAsync(S.Api($"inventories/{inventory}/groups/?name=web"));
        Assert.Equal(1, page["count"].GetValue<int>());
        Assert.Equal(r["id"].GetValue<int>(), page["results"][0]!["id"]!.GetValue<int>());
        Assert.Equal("web", (await S.GetAsync(S.Api($"groups/{r["id"]}/")))["name"].GetValue<string>());
        Assert.Equal(2, (await S.GetAsync(S.Api($"inventories/{inventory}/")))["total_groups"].GetValue<int>());
    }

    [Fact]
    public async Task A_group_name_is_unique_per_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        await CreateGroupAsync(inventory, "web");
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/groups/"), new { name = "web" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Group with this Name and Inventory already exists.", r["__all__"][0]!.GetValue<string>());
        var other = await S.CreateInventoryAsync("packer-other");
        await CreateGroupAsync(other, "web");
    }

    [Fact]
    public async Task Groups_and_hosts_may_not_share_a_name_in_one_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory, "web1");
        var group = await S.PostAsync(S.Api($"inventories/{inventory}/groups/"), new { name = "web1" });
        Assert.Equal(HttpStatusCode.BadRequest, group.Status);
        Assert.Equal("A Host with that name already exists.", group["__all__"][0]!.GetValue<string>());

        await CreateGroupAsync(inventory, "linux");
        var host = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "linux" });
        Assert.Equal(HttpStatusCode.BadRequest, host.Status);
        Assert.Equal("A Group with that name already exists.", host["__all__"][0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("all")]
    [InlineData("_meta")]
    public async Task Reserved_group_names_are_refused(string name)
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/groups/"), new { name });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Invalid group name.", r["name"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Posting_a_host_id_associates_it_and_the_host_shows_its_groups()
    {
        var inventory = await S.CreateInventoryAsync();
        var host = await S.CreateHostAsync(inventory, "web1");
        var web = await CreateGroupAsync(inventory, "web");
        var linux = await CreateGroupAsync(inventory, "linux");

        Assert.Equal(HttpStatusCode.NoContent, (await S.PostAsync(S.Api($"groups/{web}/hosts/"), new { id = host })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await S.PostAsync(S.Api($"groups/{linux}/hosts/"), new { id = host })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await S.PostAsync(S.Api($"groups/{linux}/hosts/"), new { id = host })).Status);

        var members = await S.GetAsync(S.Api($"groups/{linux}/hosts/"));
        Assert.Equal(1, members["count"].GetValue<int>());
        Assert.Equal(host, members["results"][0]!["id"]!.GetValue<int>());
        var groups = (await S.GetAsync(S.Api($"hosts/{host}/")))["summary_fields"]["groups"]!;
        Assert.Equal(2, groups["count"]!.GetValue<int>());
        Assert.Equal(4, (await S.StateAsync())["userObjects"]!.GetValue<int>());
    }

    [Fact]
    public async Task Associating_refuses_missing_hosts_and_hosts_of_another_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        var group = await CreateGroupAsync(inventory, "web");
        var missing = await S.PostAsync(S.Api($"groups/{group}/hosts/"), new { id = 99999 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("Host matching query does not exist.", missing["detail"].GetValue<string>());

        var elsewhere = await S.CreateHostAsync(await S.CreateInventoryAsync("packer-other"), "web1");
        var foreign = await S.PostAsync(S.Api($"groups/{group}/hosts/"), new { id = elsewhere });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.Equal("Cannot associate two items from different inventories.", foreign["detail"].GetValue<string>());

        var notInt = await S.PostAsync(S.Api($"groups/{group}/hosts/"), new { id = "web1" });
        Assert.Equal(HttpStatusCode.BadRequest, notInt.Status);
        Assert.Equal("\"id\" field must be an integer.", notInt["msg"].GetValue<string>());
    }

    [Fact]
    public async Task Posting_without_an_id_creates_the_host_in_the_groups_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        var group = await CreateGroupAsync(inventory, "web");
        var r = await S.PostAsync(S.Api($"groups/{group}/hosts/"), new { name = "web2", variables = "ansible_host: 10.0.0.2" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal(inventory, r["inventory"].GetValue<int>());
        Assert.Equal(1, (await S.GetAsync(S.Api($"groups/{group}/hosts/?name=web2")))["count"].GetValue<int>());
    }

    [Fact]
    public async Task Delete_answers_204_then_404()
    {
        var inventory = await S.CreateInventoryAsync();
        var group = await CreateGroupAsync(inventory, "web");
        Assert.Equal(HttpStatusCode.NoContent, (await S.DeleteAsync(S.Api($"groups/{group}/"))).Status);
        var gone = await S.GetAsync(S.Api($"groups/{group}/"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("No Group matches the given query.", gone["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Groups_cascade_when_their_inventory_is_deleted()
    {
        var inventory = await S.CreateInventoryAsync();
        var host = await S.CreateHostAsync(inventory, "web1");
        var group = await CreateGroupAsync(inventory, "web");
        await S.PostAsync(S.Api($"groups/{group}/hosts/"), new { id = host });
        Assert.Equal(3, (await S.StateAsync())["userObjects"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.Accepted, (await S.DeleteAsync(S.Api($"inventories/{inventory}/"))).Status);
        Assert.Equal(3, (await S.StateAsync())["userObjects"]!.GetValue<int>());
        await S.AdvanceAsync(10);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api($"groups/{group}/"))).Status);
        var state = await S.StateAsync();
        Assert.Equal(0, state["userObjects"]!.GetValue<int>());
        Assert.Empty(state["groups"]!.AsArray());
    }
}
