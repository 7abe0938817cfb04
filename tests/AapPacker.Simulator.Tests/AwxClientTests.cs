using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

/// <summary>What AWX's own clients (the awx.awx collection, the awx CLI) need: null coercion, or__ filters, PATCH/PUT.</summary>
public sealed class AwxClientTests : SimTestBase
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    [Fact]
    public async Task Null_text_and_choice_fields_are_stored_as_empty_strings_like_CharNullField()
    {
        // What awx.awx.inventory always sends.
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "nulls", organization = 1, kind = (string?)null, host_filter = (string?)null, description = (string?)null, variables = (string?)null });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal("", r["kind"].GetValue<string>());
        Assert.Equal("", r["description"].GetValue<string>());
        Assert.Equal("", r["variables"].GetValue<string>());
        var host = await S.PostAsync(S.Api("hosts/"), new { name = "h1", inventory = r["id"].GetValue<int>(), instance_id = (string?)null, description = (string?)null });
        Assert.Equal(HttpStatusCode.Created, host.Status);
        Assert.Equal("", host["instance_id"].GetValue<string>());
    }

    [Fact]
    public async Task A_null_boolean_is_false_like_BooleanNullField()
    {
        var inv = await S.CreateInventoryAsync("bools");
        var r = await S.PostAsync(S.Api("hosts/"), new { name = "h-null", inventory = inv, enabled = (bool?)null });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.False(r["enabled"].GetValue<bool>());
        var left = await S.PostAsync(S.Api("hosts/"), new { name = "h-left-out", inventory = inv });
        Assert.True(left["enabled"].GetValue<bool>());
    }

    [Fact]
    public async Task A_null_name_is_still_refused()
    {
        var r = await S.PostAsync(S.Api("inventories/"), new { name = (string?)null, organization = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.NotNull(r.Json!["name"]);
    }

    [Fact]
    public async Task A_name_longer_than_512_characters_is_a_400_on_the_field()
    {
        var name = new string('n', 513);
        foreach (var (path, body) in new (string, object)[]
                 {
                     ("inventories/", new { name, organization = 1 }),
                     ("credentials/", new { name, organization = 1, credential_type = await S.MachineTypeIdAsync() }),
                 })
        {
            var r = await S.PostAsync(S.Api(path), body);
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("Ensure this field has no more than 512 characters.", r["name"][0]!.GetValue<string>());
        }
        var inv = await S.CreateInventoryAsync("long-names");
        var host = await S.PostAsync(S.Api("hosts/"), new { name, inventory = inv });
        Assert.Equal("Ensure this field has no more than 512 characters.", host["name"][0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await S.PostAsync(S.Api("inventories/"), new { name = new string('n', 512), organization = 1 })).Status);
    }

    [Fact]
    public async Task A_name_longer_than_512_characters_is_refused_on_groups_and_on_PATCH_and_PUT_too_and_nothing_is_stored()
    {
        // AWX: CommonModel/CommonModelNameNotUnique name = CharField(max_length=512) (awx/main/models/base.py), which
        // DRF checks on every write.
        var name = new string('n', 513);
        var inv = await S.CreateInventoryAsync("long-names-writes");
        var group = await S.PostAsync(S.Api("groups/"), new { name, inventory = inv });
        Assert.Equal(HttpStatusCode.BadRequest, group.Status);
        Assert.Equal("Ensure this field has no more than 512 characters.", group["name"][0]!.GetValue<string>());
        var patch = await S.SendAsync(Patch, S.Api($"inventories/{inv}/"), new { name });
        Assert.Equal(HttpStatusCode.BadRequest, patch.Status);
        Assert.Equal("Ensure this field has no more than 512 characters.", patch["name"][0]!.GetValue<string>());
        var put = await S.SendAsync(HttpMethod.Put, S.Api($"inventories/{inv}/"), new { name, organization = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("long-names-writes", (await S.GetAsync(S.Api($"inventories/{inv}/")))["name"].GetValue<string>());
        var stored = await S.GetAsync(S.Api("inventories/?name__startswith=nnnnnnnnnn"));
        Assert.All(stored["results"]!.AsArray(), r => Assert.True(r!["name"]!.GetValue<string>().Length <= 512));
    }

    [Fact]
    public async Task The_512_character_limit_counts_characters_not_UTF16_code_units_as_Django_does()
    {
        // 512 characters outside the BMP are 1024 UTF-16 code units: AWX stores them (Python counts code points).
        var wide = string.Concat(Enumerable.Repeat("\U0001F600", 512));
        Assert.Equal(HttpStatusCode.Created, (await S.PostAsync(S.Api("inventories/"), new { name = wide, organization = 1 })).Status);
        var r = await S.PostAsync(S.Api("inventories/"), new { name = wide + "\U0001F600", organization = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Ensure this field has no more than 512 characters.", r["name"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Or_filters_form_one_or_group_anded_with_the_rest()
    {
        var id = await S.CreateInventoryAsync("42");
        var other = await S.CreateInventoryAsync("other");
        // The collection's id-or-name lookup: ?or__id=<n>&or__name=<n>.
        var byName = await S.GetAsync(S.Api($"inventories/?or__id=9999&or__name=42"));
        Assert.Equal(1, byName["count"].GetValue<int>());
        Assert.Equal(id, byName["results"][0]!["id"]!.GetValue<int>());
        var byId = await S.GetAsync(S.Api($"inventories/?or__id={other}&or__name={other}"));
        Assert.Equal(other, byId["results"][0]!["id"]!.GetValue<int>());
        var anded = await S.GetAsync(S.Api($"inventories/?or__id={other}&or__name=42&organization=2"));
        Assert.Equal(0, anded["count"].GetValue<int>());
        var notOr = await S.GetAsync(S.Api($"inventories/?or__not__name=42&or__id={id}&name__in=42,other"));
        Assert.Equal(2, notOr["count"].GetValue<int>());
    }

    [Fact]
    public async Task Chain_in_isnull_gt_lt_icontains_and_search_filter_lists()
    {
        var a = await S.CreateInventoryAsync("alpha-img");
        var b = await S.CreateInventoryAsync("beta-img");
        Assert.Equal(1, (await S.GetAsync(S.Api($"inventories/?chain__name__icontains=ALPHA&chain__id={a}")))["count"].GetValue<int>());
        Assert.Equal(2, (await S.GetAsync(S.Api($"inventories/?id__in={a},{b}")))["count"].GetValue<int>());
        Assert.Equal(1, (await S.GetAsync(S.Api($"inventories/?id__gt={a}&id__lt={b + 1}")))["count"].GetValue<int>());
        Assert.Equal(0, (await S.GetAsync(S.Api("inventories/?organization__isnull=true")))["count"].GetValue<int>());
        var search = await S.GetAsync(S.Api("inventories/?search=img&order_by=-name"));
        Assert.Equal("beta-img", search["results"][0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_changes_only_what_is_sent_and_validates_it()
    {
        var id = await S.CreateInventoryAsync("patch-me");
        var r = await S.SendAsync(Patch, S.Api($"inventories/{id}/"), new { description = "new", variables = "{\"a\": 1}" });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("patch-me", r["name"].GetValue<string>());
        Assert.Equal("new", r["description"].GetValue<string>());
        var bad = await S.SendAsync(Patch, S.Api($"inventories/{id}/"), new { variables = "{bad" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Json!["variables"]);
        var kind = await S.SendAsync(Patch, S.Api($"inventories/{id}/"), new { kind = "smart", host_filter = "name=x" });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, kind.Status);
        await S.CreateInventoryAsync("taken");
        var dup = await S.SendAsync(Patch, S.Api($"inventories/{id}/"), new { name = "taken" });
        Assert.Equal("Inventory with this Name and Organization already exists.", dup["__all__"][0]!.GetValue<string>());
        Assert.Equal("new", (await S.GetAsync(S.Api($"inventories/{id}/")))["description"].GetValue<string>());
    }

    [Fact]
    public async Task Put_requires_the_required_fields_and_resets_the_others()
    {
        var inv = await S.CreateInventoryAsync("put-inv");
        var host = await S.CreateHostAsync(inv, "put-host");
        await S.SendAsync(Patch, S.Api($"hosts/{host}/"), new { description = "d", enabled = false });
        var missing = await S.SendAsync(HttpMethod.Put, S.Api($"hosts/{host}/"), new { name = "put-host" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("This field is required.", missing["inventory"][0]!.GetValue<string>());
        var put = await S.SendAsync(HttpMethod.Put, S.Api($"hosts/{host}/"), new { name = "put-host-2", inventory = inv });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("put-host-2", put["name"].GetValue<string>());
        Assert.Equal("", put["description"].GetValue<string>());
        Assert.True(put["enabled"].GetValue<bool>());
    }

    [Fact]
    public async Task Credential_patch_keeps_encrypted_secrets_and_refuses_managed_ones()
    {
        var type = await S.MachineTypeIdAsync();
        var c = await S.PostAsync(S.Api("credentials/"), new { name = "patch-cred", organization = 1, credential_type = type, inputs = new { username = "u", password = "secret" } });
        var id = c["id"].GetValue<int>();
        var r = await S.SendAsync(Patch, S.Api($"credentials/{id}/"), new { inputs = new { username = "v", password = "$encrypted$" } });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("v", r["inputs"]["username"]!.GetValue<string>());
        Assert.Equal("$encrypted$", r["inputs"]["password"]!.GetValue<string>());
        var bad = await S.SendAsync(Patch, S.Api($"credentials/{id}/"), new { inputs = new { colour = "red" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Json!["inputs"]);
    }

    [Fact]
    public async Task Group_patch_and_host_disassociate()
    {
        var inv = await S.CreateInventoryAsync("grp-inv");
        var host = await S.CreateHostAsync(inv, "grp-host");
        var g = await S.PostAsync(S.Api("groups/"), new { name = "web", inventory = inv });
        Assert.Equal(HttpStatusCode.Created, g.Status);
        var gid = g["id"].GetValue<int>();
        Assert.Equal(HttpStatusCode.NoContent, (await S.PostAsync(S.Api($"groups/{gid}/hosts/"), new { id = host })).Status);
        Assert.Equal(1, (await S.GetAsync(S.Api($"groups/{gid}/hosts/")))["count"].GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await S.PostAsync(S.Api($"groups/{gid}/hosts/"), new { id = host, disassociate = true })).Status);
        Assert.Equal(0, (await S.GetAsync(S.Api($"groups/{gid}/hosts/")))["count"].GetValue<int>());
        var p = await S.SendAsync(Patch, S.Api($"groups/{gid}/"), new { name = "all" });
        Assert.Equal("Invalid group name.", p["name"][0]!.GetValue<string>());
        Assert.Equal(1, (await S.GetAsync(S.Api($"groups/?inventory={inv}&or__name=web&or__id=0")))["count"].GetValue<int>());
    }
}
