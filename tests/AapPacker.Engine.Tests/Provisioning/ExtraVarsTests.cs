using System.Collections;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

public class ExtraVarsTests
{
    [Fact]
    public void Given_a_hashtable_when_parsing_then_nested_values_are_normalised()
    {
        var table = new Hashtable { ["os"] = "rhel9", ["packages"] = new object[] { "git", "curl" }, ["tuning"] = new Hashtable { ["swap"] = 2 } };

        var vars = ExtraVars.Parse(table);

        Assert.Equal("rhel9", vars.Values["os"]);
        Assert.Equal(new object?[] { "git", "curl" }, Assert.IsType<List<object?>>(vars.Values["packages"]));
        Assert.Equal(2, Assert.IsType<Dictionary<string, object?>>(vars.Values["tuning"])["swap"]);
    }

    [Fact]
    public void Given_json_text_when_parsing_then_types_are_kept()
    {
        var vars = ExtraVars.Parse("{\"n\": 3, \"f\": 1.5, \"b\": true, \"s\": \"x\", \"z\": null}");

        Assert.Equal(3L, vars.Values["n"]);
        Assert.Equal(1.5, vars.Values["f"]);
        Assert.Equal(true, vars.Values["b"]);
        Assert.Equal("x", vars.Values["s"]);
        Assert.Null(vars.Values["z"]);
    }

    [Fact]
    public void Given_yaml_text_when_parsing_then_plain_scalars_are_typed_and_quoted_ones_stay_strings()
    {
        var vars = ExtraVars.Parse("---\nport: 8080\nenabled: true\nversion: \"8080\"\nratio: 0.5\nempty: ~\nlist:\n  - a\n  - 2\n");

        Assert.Equal(8080L, vars.Values["port"]);
        Assert.Equal(true, vars.Values["enabled"]);
        Assert.Equal("8080", vars.Values["version"]);
        Assert.Equal(0.5, vars.Values["ratio"]);
        Assert.Null(vars.Values["empty"]);
        Assert.Equal(new object?[] { "a", 2L }, Assert.IsType<List<object?>>(vars.Values["list"]));
    }

    [Theory]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{not json")]
    [InlineData("a: [1, 2")]
    [InlineData("key: value\n  bad indent: x\n")]
    public void Given_invalid_text_when_parsing_then_a_configuration_error_explains(string text)
    {
        var e = Assert.Throws<AapProvisioningException>(() => ExtraVars.Parse(text));

        Assert.Equal("InvalidExtraVars", e.ErrorId);
        Assert.Contains(Fields.ExtraVars, e.Message);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("- a\n- b\n")]
    [InlineData("just a string")]
    public void Given_text_that_is_not_a_mapping_when_parsing_then_it_is_refused(string text)
    {
        Assert.Equal("InvalidExtraVars", Assert.Throws<AapProvisioningException>(() => ExtraVars.Parse(text)).ErrorId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("---")]
    public void Given_nothing_when_parsing_then_the_set_is_empty(string? text)
    {
        Assert.Equal(0, ExtraVars.Parse(text).Count);
    }

    [Fact]
    public void Given_packer_values_when_adding_them_then_known_ones_are_added_and_the_users_own_win()
    {
        var vars = ExtraVars.Parse(new Hashtable { ["packer_build_name"] = "mine" });

        vars.AddPackerVariables("golden", "<unknown>", "run-1");

        Assert.Equal("mine", vars.Values["packer_build_name"]);
        Assert.False(vars.Values.ContainsKey("packer_builder_type"));
        Assert.Equal("run-1", vars.Values["packer_run_uuid"]);
    }
}
