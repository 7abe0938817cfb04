using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class CredentialTypeTests : SimTestBase
{
    [Fact]
    public async Task There_are_more_than_25_types_so_a_client_must_page_or_filter()
    {
        var r = await S.GetAsync(S.Api("credential_types/"));
        Assert.True(r["count"].GetValue<int>() > 25);
    }

    [Fact]
    public async Task The_machine_type_is_found_by_namespace_ssh_and_its_id_is_not_1()
    {
        var r = await S.GetAsync(S.Api("credential_types/?namespace=ssh"));
        Assert.Equal(1, r["count"].GetValue<int>());
        var machine = r["results"][0]!;
        Assert.Equal("ssh", machine["kind"]!.GetValue<string>());
        Assert.True(machine["managed"]!.GetValue<bool>());
        Assert.NotEqual(1, machine["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Kind_and_managed_filters_find_exactly_the_machine_type()
    {
        var r = await S.GetAsync(S.Api("credential_types/?kind=ssh&managed=true"));
        Assert.Equal(1, r["count"].GetValue<int>());
        Assert.Equal("ssh", r["results"][0]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_credential_type_is_404_naming_the_model()
    {
        var r = await S.GetAsync(S.Api("credential_types/9999/"));
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.Equal("No CredentialType matches the given query.", r["detail"].GetValue<string>());
    }
}
