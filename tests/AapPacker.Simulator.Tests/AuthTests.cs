using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class AuthTests
{
    private const string NotProvided = "Authentication credentials were not provided. To establish a login session, visit /api/login/.";

    [Theory]
    [InlineData("awx")]
    [InlineData("gateway")]
    public async Task Given_no_credentials_me_answers_401_with_login_hint_and_bearer_challenge(string layout)
    {
        await using var s = await SimHarness.StartAsync(layout);
        var r = await s.GetAsync(s.Api("me/"), SimHarness.Anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal(NotProvided, r["detail"].GetValue<string>());
        Assert.Equal("Bearer realm=api authorization_url=/api/o/authorize/", r.Header("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("awx")]
    [InlineData("gateway")]
    public async Task Given_an_unknown_bearer_token_the_answer_is_the_same_as_without_credentials(string layout)
    {
        await using var s = await SimHarness.StartAsync(layout);
        var r = await s.GetAsync(s.Api("me/"), "bearer:not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal(NotProvided, r["detail"].GetValue<string>());
    }

    [Theory]
    [InlineData("awx")]
    [InlineData("gateway")]
    public async Task Given_a_wrong_basic_password_the_answer_is_401_invalid_username_password(string layout)
    {
        await using var s = await SimHarness.StartAsync(layout);
        var r = await s.GetAsync(s.Api("me/"), "basic:admin:wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal("Invalid username/password. To establish a login session, visit /api/login/.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Given_a_wrong_basic_password_even_the_anonymous_root_answers_401()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.GetAsync("/api/v2/", "basic:admin:wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
    }

    [Theory]
    [InlineData("basic:admin:wrong")]
    [InlineData("bearer:nonsense")]
    [InlineData("none")]
    public async Task Ping_never_answers_401(string auth)
    {
        await using var s = await SimHarness.StartAsync("gateway");
        var r = await s.GetAsync(s.Api("ping/"), auth);
        Assert.Equal(HttpStatusCode.OK, r.Status);
    }

    // The scheme only in the test name: a theory argument reaches the test log and the TRX, which the secret scan reads.
    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    public async Task Me_is_a_paginated_list_of_exactly_one_user(string scheme)
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.GetAsync(s.Api("me/"), scheme == "basic" ? "basic:admin:password" : "bearer:sim-admin-token");
        Assert.Equal(1, r["count"].GetValue<int>());
        Assert.Null(r.Json!["next"]);
        Assert.Equal("admin", r["results"][0]!["username"]!.GetValue<string>());
        Assert.Equal("$encrypted$", r["results"][0]!["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task Config_requires_authentication()
    {
        await using var s = await SimHarness.StartAsync("awx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.GetAsync(s.Api("config/"), SimHarness.Anonymous)).Status);
        var ok = await s.GetAsync(s.Api("config/"));
        Assert.Contains(ok["become_methods"].AsArray(), m => m![0]!.GetValue<string>() == "sudo");
    }

    [Fact]
    public async Task Given_a_read_scope_token_reads_work_and_writes_are_403()
    {
        await using var s = await SimHarness.StartAsync("awx");
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync(s.Api("inventories/"), SimHarness.Reader)).Status);
        var r = await s.PostAsync(s.Api("inventories/"), new { name = "x", organization = 1 }, SimHarness.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
        Assert.Equal("You do not have permission to perform this action.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Given_a_read_scope_token_deletes_are_403()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var inventory = await s.CreateInventoryAsync();
        var r = await s.DeleteAsync(s.Api($"inventories/{inventory}/"), SimHarness.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
    }

    [Fact]
    public async Task Given_a_user_without_rights_creating_an_inventory_is_403_and_lists_are_empty()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.PostAsync(s.Api("inventories/"), new { name = "x", organization = 1 }, "basic:nobody:nobodypass");
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
        var orgs = await s.GetAsync(s.Api("organizations/"), "basic:nobody:nobodypass");
        Assert.Equal(0, orgs["count"].GetValue<int>());
    }

    [Fact]
    public async Task Given_a_user_without_rights_credential_creation_is_403_not_400()
    {
        await using var s = await SimHarness.StartAsync("awx");
        var r = await s.PostAsync(s.Api("credentials/"), new { name = "x", credential_type = await s.MachineTypeIdAsync() }, "basic:nobody:nobodypass");
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
    }
}
