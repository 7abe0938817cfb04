using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Given_awx_layout_api_root_names_current_version_and_oauth2()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.GetAsync("/api/", SimHarness.Anonymous);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("/api/v2/", r["current_version"].GetValue<string>());
        Assert.Equal("/api/o/", r["oauth2"].GetValue<string>());
        Assert.Null(r.Json!["apis"]);
    }

    [Fact]
    public async Task Given_gateway_layout_api_root_has_apis_map_without_current_version()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync("/api/", SimHarness.Anonymous);
        Assert.Equal("/api/controller/", r["apis"]["controller"]!.GetValue<string>());
        Assert.Equal("/api/gateway/", r["apis"]["gateway"]!.GetValue<string>());
        Assert.Null(r.Json!["current_version"]);
    }

    [Fact]
    public async Task Given_gateway_layout_controller_root_points_to_controller_v2_without_oauth2()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync("/api/controller/", SimHarness.Anonymous);
        Assert.Equal("/api/controller/v2/", r["current_version"].GetValue<string>());
        Assert.False(r.Json!.AsObject().ContainsKey("oauth2"));
    }

    [Fact]
    public async Task Given_gateway_layout_gateway_root_names_gateway_v1()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync("/api/gateway/", SimHarness.Anonymous);
        Assert.Equal("/api/gateway/v1/", r["current_version"].GetValue<string>());
    }

    [Fact]
    public async Task Given_gateway_layout_the_awx_path_does_not_exist()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync("/api/v2/ping/");
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
    }

    [Fact]
    public async Task Given_awx_layout_the_controller_prefix_does_not_exist()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.GetAsync("/api/controller/v2/ping/");
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.Equal("The requested resource could not be found.", r["detail"].GetValue<string>());
    }

    [Theory]
    [InlineData("awx", "/api/v2/")]
    [InlineData("gateway", "/api/controller/v2/")]
    public async Task Version_root_is_anonymous_and_uses_singular_inventory_key(string layout, string root)
    {
        await using var s = await SimHarness.StartAsync(layout);
        var r = await s.GetAsync(root, SimHarness.Anonymous);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(root + "inventories/", r["inventory"].GetValue<string>());
        Assert.Equal(root + "ping/", r["ping"].GetValue<string>());
    }

    [Theory]
    [InlineData("awx", "AWX")]
    [InlineData("gateway", "Red Hat Ansible Automation Platform")]
    public async Task Product_name_header_is_always_sent_and_version_only_when_authenticated(string layout, string product)
    {
        await using var s = await SimHarness.StartAsync(layout);
        var anonymous = await s.GetAsync(s.Api("ping/"), SimHarness.Anonymous);
        var authenticated = await s.GetAsync(s.Api("me/"));
        Assert.Equal(product, anonymous.Header("X-API-Product-Name"));
        Assert.Null(anonymous.Header("X-API-Product-Version"));
        Assert.Equal(product, authenticated.Header("X-API-Product-Name"));
        Assert.False(string.IsNullOrEmpty(authenticated.Header("X-API-Product-Version")));
    }

    [Fact]
    public async Task Ping_does_not_authenticate_so_it_never_sends_the_product_version()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync(s.Api("ping/"));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Null(r.Header("X-API-Product-Version"));
    }

    [Fact]
    public async Task Ping_reports_version_and_instances()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.GetAsync(s.Api("ping/"), SimHarness.Anonymous);
        Assert.Equal("24.6.1", r["version"].GetValue<string>());
        Assert.NotEmpty(r["instances"].AsArray());
    }

    [Fact]
    public async Task Path_without_trailing_slash_answers_301_to_the_slashed_path_keeping_the_query()
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync("/api/controller/v2/inventories?name=x");
        Assert.Equal(HttpStatusCode.MovedPermanently, r.Status);
        Assert.Equal("/api/controller/v2/inventories/?name=x", r.Header("Location"));
    }

    [Fact]
    public async Task Post_without_trailing_slash_is_also_redirected_not_served()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.PostAsync("/api/v2/inventories", new { name = "x", organization = 1 });
        Assert.Equal(HttpStatusCode.MovedPermanently, r.Status);
        Assert.Equal(0, (await s.StateAsync())["userObjects"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_path_answers_404_with_drf_detail()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.GetAsync(s.Api("no_such_thing/"));
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.Equal("The requested resource could not be found.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Only_the_awx_api_root_sets_a_cookie_and_only_csrftoken()
    {
        // ApiRootView is decorated with ensure_csrf_cookie (awx/api/views/root.py); no other view sets cookies.
        await using var s = await SimHarness.StartAsync("awx");
        var root = await s.GetAsync("/api/", SimHarness.Anonymous);
        var me = await s.GetAsync(s.Api("me/"));
        var cookie = Assert.Single(root.Message.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("csrftoken=", cookie, StringComparison.Ordinal);
        Assert.Null(me.Header("Set-Cookie"));
        await using var g = await SimHarness.StartAsync("gateway");
        Assert.Null((await g.GetAsync("/api/", SimHarness.Anonymous)).Header("Set-Cookie"));
        Assert.Null((await g.GetAsync(g.Api("me/"))).Header("Set-Cookie"));
    }

    [Fact]
    public async Task A_method_the_view_does_not_have_is_405_with_allow()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.SendAsync(HttpMethod.Put, s.Api("jobs/1/"), "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, r.Status);
        Assert.Equal("Method \"PUT\" not allowed.", r["detail"].GetValue<string>());
        Assert.Contains("DELETE", r.Header("Allow"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_is_served_by_the_get_view_without_a_body()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.SendAsync(HttpMethod.Head, s.Api("me/"), null);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("", r.Text);
    }
}
