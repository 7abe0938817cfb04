using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class InventoryTests : SimTestBase
{
    [Fact]
    public async Task Create_answers_201_with_location_and_string_variables()
    {
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "packer-1", organization = 1, variables = "---\nfoo: bar" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal($"/api/v2/inventories/{r["id"]}/", r.Header("Location"));
        Assert.Equal("---\nfoo: bar", r["variables"].GetValue<string>());
        Assert.False(r["pending_deletion"].GetValue<bool>());
        Assert.Equal("Default", r["summary_fields"]["organization"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Name_is_unique_per_organization_with_an_all_error()
    {
        await S.CreateInventoryAsync("dup", 1);
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "dup", organization = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Inventory with this Name and Organization already exists.", r["__all__"][0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await S.PostAsync(S.Api("inventories/"), new { name = "dup", organization = 2 })).Status);
    }

    [Fact]
    public async Task Organization_is_required()
    {
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "no-org" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.NotNull(r.Json!["organization"]);
    }

    [Fact]
    public async Task Unknown_organization_is_an_invalid_pk()
    {
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "x", organization = 999 });
        Assert.Equal("Invalid pk \"999\" - object does not exist.", r["organization"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_inventory_is_404_naming_the_model()
    {
        var r = await S.GetAsync(S.Api("inventories/4242/"));
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.Equal("No Inventory matches the given query.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Delete_is_202_empty_then_pending_deletion_then_gone()
    {
        var id = await S.CreateInventoryAsync();
        var del = await S.DeleteAsync(S.Api($"inventories/{id}/"));
        Assert.Equal(HttpStatusCode.Accepted, del.Status);
        Assert.Equal("", del.Text);
        var pending = await S.GetAsync(S.Api($"inventories/{id}/"));
        Assert.True(pending["pending_deletion"].GetValue<bool>());
        await S.AdvanceAsync(10);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api($"inventories/{id}/"))).Status);
    }

    [Fact]
    public async Task A_second_delete_while_pending_is_400_already_pending()
    {
        var id = await S.CreateInventoryAsync();
        await S.DeleteAsync(S.Api($"inventories/{id}/"));
        var again = await S.DeleteAsync(S.Api($"inventories/{id}/"));
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Inventory is already pending deletion.", again["error"].GetValue<string>());
    }

    [Fact]
    public async Task Deleting_the_inventory_cascades_to_its_hosts()
    {
        var id = await S.CreateInventoryAsync();
        var host = await S.CreateHostAsync(id);
        await S.DeleteAsync(S.Api($"inventories/{id}/"));
        await S.AdvanceAsync(10);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api($"hosts/{host}/"))).Status);
        Assert.Equal(0, (await S.StateAsync())["userObjects"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_pending_deletion_inventory_still_counts_as_a_user_object()
    {
        var id = await S.CreateInventoryAsync();
        await S.DeleteAsync(S.Api($"inventories/{id}/"));
        Assert.Equal(1, (await S.StateAsync())["userObjects"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        var r = await S.SendAsync(HttpMethod.Post, S.Api("inventories/"), "name=x&organization=1", contentType: "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.Status);
        Assert.Contains("Content-Type must be application/json", r["detail"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_json_parse_error()
    {
        var r = await S.PostAsync(S.Api("inventories/"), "{\"name\": \"x\",}");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.StartsWith("JSON parse error - ", r["detail"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_array_body_is_400_not_a_json_object()
    {
        var r = await S.PostAsync(S.Api("inventories/"), "[1, 2]");
        Assert.Equal("JSON parse error - not a JSON object", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Inventory_variables_must_be_a_string()
    {
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "x", organization = 1, variables = new { a = 1 } });
        Assert.Equal("Not a valid string.", r["variables"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_blank_name_is_refused()
    {
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "  ", organization = 1 });
        Assert.Equal("This field may not be blank.", r["name"][0]!.GetValue<string>());
    }
}
