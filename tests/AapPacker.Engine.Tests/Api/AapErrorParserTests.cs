using System.Text.Json;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Tests.Api;

/// <summary>Each AAP error shape (aap-api.md §10) flattens into one readable message and field errors.</summary>
public class AapErrorParserTests
{
    private static (string Message, IReadOnlyDictionary<string, IReadOnlyList<string>> Fields) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AapErrorParser.Parse(document.RootElement.Clone());
    }

    [Fact]
    public void Detail_is_the_message()
    {
        var (message, fields) = Parse("""{"detail": "No Host matches the given query."}""");
        Assert.Equal("No Host matches the given query.", message);
        Assert.Empty(fields);
    }

    [Fact]
    public void Error_with_active_jobs_names_the_job_ids()
    {
        var (message, _) = Parse("""{"error": "Resource is being used by running jobs.", "active_jobs": [{"id": 652, "type": "job"}, {"id": 9, "type": "inventory_update"}]}""");
        Assert.Equal("Resource is being used by running jobs.; active jobs: job 652, inventory_update 9", message);
    }

    [Fact]
    public void All_and_field_lists_become_field_errors()
    {
        var (message, fields) = Parse("""{"__all__": ["Inventory with this Name and Organization already exists."], "name": ["This field may not be blank.", "Too short."]}""");
        Assert.StartsWith("Inventory with this Name and Organization already exists.", message);
        Assert.Contains("name: This field may not be blank. Too short.", message);
        Assert.Equal(["This field may not be blank.", "Too short."], fields["name"]);
        Assert.False(fields.ContainsKey("__all__"));
    }

    [Fact]
    public void Nested_inputs_are_dotted()
    {
        var (message, fields) = Parse("""{"inputs": {"ssh_key_unlock": ["must be set when SSH key is encrypted."], "ssh_key_data": ["Invalid certificate or key: ..."]}}""");
        Assert.Contains("inputs.ssh_key_unlock: must be set when SSH key is encrypted.", message);
        Assert.Equal(["must be set when SSH key is encrypted."], fields["inputs.ssh_key_unlock"]);
        Assert.True(fields.ContainsKey("inputs.ssh_key_data"));
    }

    [Fact]
    public void Variables_needed_to_start_are_listed()
    {
        var (message, _) = Parse("""{"variables_needed_to_start": ["'target_os' value missing"]}""");
        Assert.Equal("variables needed to start: 'target_os' value missing", message);
    }

    [Fact]
    public void A_plain_field_string_is_kept()
    {
        var (message, fields) = Parse("""{"inventory": "Invalid pk \"999\" - object does not exist."}""");
        Assert.Equal("inventory: Invalid pk \"999\" - object does not exist.", message);
        Assert.Single(fields);
    }

    [Fact]
    public void A_bare_list_is_joined()
    {
        var (message, _) = Parse("""["First problem.", "Second problem."]""");
        Assert.Equal("First problem. Second problem.", message);
    }

    [Fact]
    public void An_empty_object_gives_an_empty_message()
    {
        var (message, fields) = Parse("{}");
        Assert.Equal(string.Empty, message);
        Assert.Empty(fields);
    }

    [Theory]
    [InlineData(400, AapErrorKind.Validation)]
    [InlineData(401, AapErrorKind.Unauthorized)]
    [InlineData(403, AapErrorKind.Forbidden)]
    [InlineData(404, AapErrorKind.NotFound)]
    [InlineData(405, AapErrorKind.MethodNotAllowed)]
    [InlineData(409, AapErrorKind.Conflict)]
    [InlineData(500, AapErrorKind.Server)]
    [InlineData(503, AapErrorKind.Server)]
    [InlineData(301, AapErrorKind.Protocol)]
    [InlineData(302, AapErrorKind.Server)]
    [InlineData(415, AapErrorKind.Protocol)]
    public void Status_maps_to_kind(int status, AapErrorKind kind) => Assert.Equal(kind, AapErrorParser.KindFor(status));

    [Fact]
    public void Exception_message_has_method_path_status_and_aap_message()
    {
        using var document = JsonDocument.Parse("""{"error": "Resource is being used by running jobs.", "active_jobs": [{"id": 652, "type": "job"}]}""");
        var response = new AapResponse { StatusCode = 409, Body = document.RootElement.Clone(), Method = "DELETE", Path = "/api/v2/inventories/5/" };
        var error = response.ToException();
        Assert.Equal(AapErrorKind.Conflict, error.Kind);
        Assert.Equal("DELETE /api/v2/inventories/5/ failed (409): Resource is being used by running jobs.; active jobs: job 652", error.Message);
    }

    [Fact]
    public void A_proxy_html_page_is_described_not_quoted()
    {
        var response = new AapResponse { StatusCode = 502, RawText = "<html><title>502 Bad Gateway</title><body>secret-looking-text</body></html>", Method = "GET", Path = "/api/v2/me/" };
        var error = response.ToException();
        Assert.Equal(AapErrorKind.Server, error.Kind);
        Assert.DoesNotContain("secret-looking-text", error.Message);
        Assert.Contains("not JSON", error.Message);
    }
}
