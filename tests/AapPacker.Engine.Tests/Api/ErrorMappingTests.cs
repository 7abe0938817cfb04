using System.Net.Http;
using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>AAP's statuses become error kinds, with AAP's own message, method and path.</summary>
public class ErrorMappingTests(AwxSimulatorFixture awx) : IClassFixture<AwxSimulatorFixture>
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task An_unknown_object_is_not_found_with_aaps_message()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var error = await Assert.ThrowsAsync<AapApiException>(() => client.GetAsync("inventories/987654/", CancellationToken.None));

        Assert.Equal(AapErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/api/v2/inventories/987654/", error.Path);
        Assert.Contains("Inventory", error.AapMessage);
        Assert.Contains(error.AapMessage, error.Message);
    }

    [Fact]
    public async Task Send_returns_error_answers_without_throwing()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var response = await client.SendAsync(HttpMethod.Get, "inventories/987654", null, retry: true, CancellationToken.None);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, response.Body.ValueKind);
        Assert.Equal("/api/v2/inventories/987654/", response.Path);
        Assert.Equal(AapErrorKind.NotFound, response.ToException().Kind);
    }

    [Fact]
    public async Task A_missing_field_is_a_validation_error_with_field_errors()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var error = await Assert.ThrowsAsync<AapApiException>(() => client.PostAsync("inventories/", new { organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Validation, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.True(error.FieldErrors.ContainsKey("name"), "FieldErrors: " + string.Join(", ", error.FieldErrors.Keys));
        Assert.Contains("name:", error.AapMessage);
    }

    [Fact]
    public async Task A_duplicate_name_is_a_validation_error()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var name = Unique("dup");
        var created = await client.PostAsync("inventories/", new { name, organization = 1 }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<AapApiException>(() => client.PostAsync("inventories/", new { name, organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Validation, error.Kind);
        Assert.NotEmpty(error.AapMessage);
        await client.DeleteAsync("inventories/" + created.GetProperty("id").GetInt32() + "/", CancellationToken.None);
    }

    [Fact]
    public async Task A_wrong_method_is_method_not_allowed()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var error = await Assert.ThrowsAsync<AapApiException>(() => client.PostAsync("ping/", new { }, CancellationToken.None));
        Assert.Equal(AapErrorKind.MethodNotAllowed, error.Kind);
        Assert.Equal(405, error.StatusCode);
    }

    [Fact]
    public async Task Deleting_returns_the_status_and_gone_is_404()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var created = await client.PostAsync("inventories/", new { name = Unique("del"), organization = 1 }, CancellationToken.None);
        var path = "inventories/" + created.GetProperty("id").GetInt32();

        Assert.Equal(202, await client.DeleteAsync(path, CancellationToken.None));
        Assert.Equal(404, await client.DeleteAsync("inventories/987654/", CancellationToken.None));
    }

    [Fact]
    public async Task Posting_returns_the_created_object()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));
        var name = Unique("created");
        var created = await client.PostAsync("inventories", new { name, organization = 1, description = "made by a test" }, CancellationToken.None);

        Assert.Equal(name, created.GetProperty("name").GetString());
        var fetched = await client.GetAsync("inventories/" + created.GetProperty("id").GetInt32(), CancellationToken.None);
        Assert.Equal("made by a test", fetched.GetProperty("description").GetString());
        await client.DeleteAsync("inventories/" + created.GetProperty("id").GetInt32(), CancellationToken.None);
    }
}
