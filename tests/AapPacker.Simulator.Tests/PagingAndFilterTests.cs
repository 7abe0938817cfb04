using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class PagingAndFilterTests : SimTestBase
{
    [Fact]
    public async Task Default_page_size_is_25_and_next_is_a_relative_path_with_the_api_prefix()
    {
        var r = await S.GetAsync(S.Api("credential_types/"));
        Assert.True(r["count"].GetValue<int>() > 25);
        Assert.Equal(25, r["results"].AsArray().Count);
        Assert.Equal("/api/v2/credential_types/?page=2", r["next"].GetValue<string>());
        Assert.Null(r.Json!["previous"]);
    }

    [Fact]
    public async Task Given_gateway_layout_next_keeps_the_controller_prefix()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync(s.Api("credential_types/?page_size=10"));
        Assert.Equal("/api/controller/v2/credential_types/?page=2&page_size=10", r["next"].GetValue<string>());
    }

    [Fact]
    public async Task Page_size_above_200_is_capped_silently_and_next_is_rewritten_to_200()
    {
        for (var i = 0; i < 205; i++)
        {
            await S.PostAsync(S.Api("inventories/"), new { name = $"inv-{i:D3}", organization = 1 });
        }
        var r = await S.GetAsync(S.Api("inventories/?page_size=500"));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(200, r["results"].AsArray().Count);
        Assert.Equal("/api/v2/inventories/?page=2&page_size=200", r["next"].GetValue<string>());
    }

    [Fact]
    public async Task Previous_link_of_page_two_drops_the_page_parameter()
    {
        var r = await S.GetAsync(S.Api("credential_types/?page=2&page_size=5"));
        Assert.Equal("/api/v2/credential_types/?page_size=5", r["previous"].GetValue<string>());
        Assert.Equal("/api/v2/credential_types/?page=3&page_size=5", r["next"].GetValue<string>());
    }

    [Theory]
    [InlineData("99")]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task A_page_out_of_range_is_404_invalid_page(string page)
    {
        var r = await S.GetAsync(S.Api($"organizations/?page={page}"));
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.Equal("Invalid page.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_filter_key_is_400_with_detail()
    {
        var r = await S.GetAsync(S.Api("inventories/?colour=blue"));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Inventory has no field named 'colour'", r["detail"].GetValue<string>());
    }

    [Theory]
    [InlineData("jobs/?invnetory=1")]
    [InlineData("hosts/?nmae=x")]
    [InlineData("credentials/?nam__startswith=x")]
    public async Task A_misspelled_filter_is_400_even_when_the_list_is_empty(string path)
    {
        var r = await S.GetAsync(S.Api(path));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
    }

    [Fact]
    public async Task Name_filters_exact_startswith_and_icontains()
    {
        await S.CreateInventoryAsync("packer-aaa");
        await S.CreateInventoryAsync("packer-bbb");
        await S.CreateInventoryAsync("other");
        Assert.Equal(1, (await S.GetAsync(S.Api("inventories/?name=packer-aaa")))["count"].GetValue<int>());
        Assert.Equal(2, (await S.GetAsync(S.Api("inventories/?name__startswith=packer-")))["count"].GetValue<int>());
        Assert.Equal(2, (await S.GetAsync(S.Api("inventories/?name__icontains=PACKER")))["count"].GetValue<int>());
    }

    [Fact]
    public async Task Organization_and_id_in_filters_and_descending_order()
    {
        var a = await S.CreateInventoryAsync("a", 1);
        var b = await S.CreateInventoryAsync("b", 2);
        var c = await S.CreateInventoryAsync("c", 2);
        var byOrg = await S.GetAsync(S.Api("inventories/?organization=2"));
        Assert.Equal(2, byOrg["count"].GetValue<int>());
        var byIds = await S.GetAsync(S.Api($"inventories/?id__in={a},{c}&order_by=-id"));
        Assert.Equal(new[] { c, a }, byIds["results"].AsArray().Select(i => i!["id"]!.GetValue<int>()));
        Assert.NotEqual(0, b);
    }

    [Fact]
    public async Task Created_lt_filter_compares_timestamps()
    {
        await S.CreateInventoryAsync("new-one");
        var r = await S.GetAsync(S.Api("inventories/?created__lt=2000-01-01T00:00:00Z"));
        Assert.Equal(0, r["count"].GetValue<int>());
    }

    [Fact]
    public async Task Organizations_can_be_found_by_name()
    {
        var r = await S.GetAsync(S.Api("organizations/?name=Engineering"));
        Assert.Equal(2, r["results"][0]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ordering_by_a_protected_field_is_403()
    {
        var r = await S.GetAsync(S.Api("jobs/?order_by=extra_vars"));
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
        Assert.Equal("Filtering on extra_vars is not allowed.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Count_disabled_returns_only_results()
    {
        var r = await S.GetAsync(S.Api("credential_types/?count_disabled=1&page_size=3"));
        Assert.Equal(new[] { "results" }, r.Json!.AsObject().Select(p => p.Key));
        Assert.Equal(3, r["results"].AsArray().Count);
    }
}
