using System.Net;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class CredentialTests : SimTestBase
{
    private async Task<SimResponse> CreateAsync(object inputs, int? organization = 1, int? user = null, string name = "packer-ssh")
    {
        var body = new JsonObject { ["name"] = name, ["credential_type"] = await S.MachineTypeIdAsync(), ["inputs"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(inputs)) };
        if (organization is not null)
        {
            body["organization"] = organization;
        }
        if (user is not null)
        {
            body["user"] = user;
        }
        return await S.PostAsync(S.Api("credentials/"), body);
    }

    [Fact]
    public async Task Secrets_read_back_as_encrypted_in_the_post_answer_and_later_gets()
    {
        var r = await CreateAsync(new { username = "packer", password = "hunter2", ssh_key_data = TestKeys.OpenSshUnencrypted });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal("packer", r["inputs"]["username"]!.GetValue<string>());
        Assert.Equal("$encrypted$", r["inputs"]["password"]!.GetValue<string>());
        Assert.Equal("$encrypted$", r["inputs"]["ssh_key_data"]!.GetValue<string>());
        var get = await S.GetAsync(S.Api($"credentials/{r["id"]}/"));
        Assert.DoesNotContain("hunter2", get.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", (await S.Http.GetStringAsync("/_sim/state")), StringComparison.Ordinal);
        Assert.Equal("ssh", get["kind"].GetValue<string>());
    }

    [Fact]
    public async Task Without_an_owner_a_superuser_gets_400_missing_owner()
    {
        var r = await CreateAsync(new { username = "u" }, organization: null);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Missing 'user', 'team', or 'organization'.", r["detail"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task With_two_owners_the_answer_is_400_only_one_owner()
    {
        var r = await CreateAsync(new { username = "u" }, organization: 1, user: 1);
        Assert.Equal("Only one of 'user', 'team', or 'organization' should be provided, received organization, user fields.", r["detail"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Organization_name_and_type_are_unique_together()
    {
        await CreateAsync(new { username = "u" }, name: "dup");
        var r = await CreateAsync(new { username = "u" }, name: "dup");
        Assert.Equal("Credential with this Organization, Name and Credential type already exists.", r["__all__"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Key_data_that_is_not_a_private_key_is_refused_under_inputs()
    {
        var r = await CreateAsync(new { ssh_key_data = "not a key" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.StartsWith("Invalid certificate or key: ", r["inputs"]["ssh_key_data"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_passphrase_for_an_unencrypted_key_is_refused(bool pem)
    {
        var r = await CreateAsync(new { ssh_key_data = pem ? TestKeys.PemUnencrypted : TestKeys.OpenSshUnencrypted, ssh_key_unlock = "secret" });
        Assert.Equal("should not be set when SSH key is not encrypted.", r["inputs"]["ssh_key_unlock"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_encrypted_key_requires_its_passphrase(bool pem)
    {
        var key = pem ? TestKeys.PemEncrypted : TestKeys.OpenSshEncrypted;
        var r = await CreateAsync(new { ssh_key_data = key });
        Assert.Equal("must be set when SSH key is encrypted.", r["inputs"]["ssh_key_unlock"]![0]!.GetValue<string>());
        var ok = await CreateAsync(new { ssh_key_data = key, ssh_key_unlock = "pass" }, name: "with-pass");
        Assert.Equal(HttpStatusCode.Created, ok.Status);
    }

    [Fact]
    public async Task Delete_is_204_and_never_409_even_while_a_job_uses_it()
    {
        var credential = await S.CreateMachineCredentialAsync();
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory);
        var launch = await S.LaunchAsync("Baseline", new { inventory, credentials = new[] { credential } });
        Assert.Equal(HttpStatusCode.Created, launch.Status);
        var r = await S.DeleteAsync(S.Api($"credentials/{credential}/"));
        Assert.Equal(HttpStatusCode.NoContent, r.Status);
    }

    [Fact]
    public async Task Unknown_credential_is_404_naming_the_model()
    {
        var r = await S.GetAsync(S.Api("credentials/777/"));
        Assert.Equal("No Credential matches the given query.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task A_passphrase_without_key_data_is_accepted()
    {
        var r = await CreateAsync(new { username = "u", ssh_key_unlock = "pass" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
    }

    [Fact]
    public async Task Text_around_the_pem_block_makes_the_key_invalid()
    {
        var r = await CreateAsync(new { ssh_key_data = TestKeys.OpenSshUnencrypted + "trailing junk" });
        Assert.StartsWith("Invalid certificate or key: ", r["inputs"]["ssh_key_data"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_alone_is_not_a_private_key()
    {
        var cert = "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(new byte[48]) + "\n-----END CERTIFICATE-----\n";
        var r = await CreateAsync(new { ssh_key_data = cert });
        Assert.Equal("At least one private key is required.", r["inputs"]["ssh_key_data"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_input_is_refused()
    {
        var r = await CreateAsync(new { username = "u", colour = "blue" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Contains("'colour' was unexpected", r["inputs"][0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_encrypted_placeholder_cannot_be_used_as_a_new_secret()
    {
        var r = await CreateAsync(new { username = "u", password = "$encrypted$" });
        Assert.Equal("$encrypted$ is a reserved keyword, and cannot be used for password.", r["inputs"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Filtering_on_inputs_is_forbidden()
    {
        var r = await S.GetAsync(S.Api("credentials/?inputs__icontains=secret"));
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
    }
}
