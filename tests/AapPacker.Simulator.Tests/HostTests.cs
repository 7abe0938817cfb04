using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class HostTests : SimTestBase
{
    [Fact]
    public async Task Create_through_the_inventory_sublist_injects_the_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "web1", variables = "ansible_host: 10.0.0.9" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal(inventory, r["inventory"].GetValue<int>());
        Assert.Equal("ansible_host: 10.0.0.9", r["variables"].GetValue<string>());
        Assert.Equal($"/api/v2/hosts/{r["id"]}/", r.Header("Location"));
    }

    [Fact]
    public async Task Create_through_hosts_requires_the_inventory_field()
    {
        var r = await S.PostAsync(S.Api("hosts/"), new { name = "web1" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("This field is required.", r["inventory"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Variables_sent_as_a_json_object_are_not_a_valid_string()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "web1", variables = new { ansible_host = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Not a valid string.", r["variables"][0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("just a string")]
    [InlineData("{\"a\": [}")]
    public async Task Variables_that_do_not_decode_to_a_mapping_are_refused_in_awx_words(string variables)
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "web1", variables });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.StartsWith("Cannot parse as JSON (error: ", r["variables"][0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(") or YAML (error: ", r["variables"][0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_with_a_port_is_rewritten_into_ansible_ssh_port()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "10.0.0.5:2222", variables = "{\"ansible_user\": \"packer\"}" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal("10.0.0.5", r["name"].GetValue<string>());
        Assert.Equal("{\"ansible_user\": \"packer\", \"ansible_ssh_port\": 2222}", r["variables"].GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_port_in_the_name_is_refused()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "web1:99999" });
        Assert.Equal("Invalid port specification: 99999", r["name"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_ipv6_literal_is_left_alone()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "fe80::1" });
        Assert.Equal("fe80::1", r["name"].GetValue<string>());
    }

    [Fact]
    public async Task Host_name_is_unique_per_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory, "web1");
        var r = await S.PostAsync(S.Api($"inventories/{inventory}/hosts/"), new { name = "web1" });
        Assert.Equal("Host with this Name and Inventory already exists.", r["__all__"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_is_204()
    {
        var inventory = await S.CreateInventoryAsync();
        var host = await S.CreateHostAsync(inventory);
        var r = await S.DeleteAsync(S.Api($"hosts/{host}/"));
        Assert.Equal(HttpStatusCode.NoContent, r.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api($"hosts/{host}/"))).Status);
    }

    [Fact]
    public async Task Delete_while_the_inventory_is_pending_deletion_is_400()
    {
        var inventory = await S.CreateInventoryAsync();
        var host = await S.CreateHostAsync(inventory);
        await S.DeleteAsync(S.Api($"inventories/{inventory}/"));
        var r = await S.DeleteAsync(S.Api($"hosts/{host}/"));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("The inventory for this host is already being deleted.", r["error"].GetValue<string>());
    }

    [Fact]
    public async Task Hosts_can_be_listed_per_inventory_and_filtered_by_name_prefix()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory, "packer-a");
        await S.CreateHostAsync(inventory, "packer-b");
        var r = await S.GetAsync(S.Api($"inventories/{inventory}/hosts/?name__startswith=packer-"));
        Assert.Equal(2, r["count"].GetValue<int>());
        var all = await S.GetAsync(S.Api($"hosts/?inventory={inventory}"));
        Assert.Equal(2, all["count"].GetValue<int>());
    }
}
