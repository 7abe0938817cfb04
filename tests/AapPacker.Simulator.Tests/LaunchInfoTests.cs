using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class LaunchInfoTests : SimTestBase
{
    private async Task<System.Text.Json.Nodes.JsonNode> LaunchInfoAsync(string template)
        => (await S.GetAsync(S.Api($"job_templates/{await S.TemplateIdAsync(template)}/launch/"))).Json!;

    [Fact]
    public async Task Get_launch_has_every_prompt_flag_and_the_defaults()
    {
        var info = await LaunchInfoAsync("Baseline");
        foreach (var flag in new[] { "scm_branch", "variables", "tags", "diff_mode", "skip_tags", "job_type", "limit", "verbosity", "inventory", "credential", "execution_environment", "labels", "forks", "job_slice_count", "timeout", "instance_groups" })
        {
            Assert.NotNull(info[$"ask_{flag}_on_launch"]);
        }
        Assert.True(info["ask_inventory_on_launch"]!.GetValue<bool>());
        Assert.False(info["ask_limit_on_launch"]!.GetValue<bool>());
        Assert.False(info["credential_needed_to_start"]!.GetValue<bool>());
        Assert.Equal("Demo Inventory", info["defaults"]!["inventory"]!["name"]!.GetValue<string>());
        Assert.Empty(info["defaults"]!["instance_groups"]!.AsArray());
        Assert.Equal("Baseline", info["job_template_data"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Defaults_credentials_and_labels_are_absent_when_the_template_has_none()
    {
        var info = await LaunchInfoAsync("Baseline");
        Assert.False(info["defaults"]!.AsObject().ContainsKey("credentials"));
        Assert.False(info["defaults"]!.AsObject().ContainsKey("labels"));
    }

    [Fact]
    public async Task Defaults_credentials_list_the_template_credentials_with_their_type()
    {
        var info = await LaunchInfoAsync("With Vault");
        var credentials = info["defaults"]!["credentials"]!.AsArray();
        Assert.Equal(2, credentials.Count);
        var machineType = await S.MachineTypeIdAsync();
        Assert.Contains(credentials, c => c!["credential_type"]!.GetValue<int>() == machineType && c["name"]!.GetValue<string>() == "Demo Credential");
        Assert.Contains(credentials, c => c!.AsObject().ContainsKey("vault_id") && c["name"]!.GetValue<string>() == "Demo Vault");
    }

    [Fact]
    public async Task Can_start_without_user_input_is_false_when_any_prompt_is_on()
    {
        Assert.False((await LaunchInfoAsync("Baseline"))["can_start_without_user_input"]!.GetValue<bool>());
        Assert.True((await LaunchInfoAsync("No Prompts"))["can_start_without_user_input"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Variables_needed_to_start_names_required_survey_variables()
    {
        var info = await LaunchInfoAsync("Survey Template");
        Assert.True(info["survey_enabled"]!.GetValue<bool>());
        Assert.Equal("target_os", Assert.Single(info["variables_needed_to_start"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task Survey_spec_lists_the_questions_with_defaults_and_choices()
    {
        var r = await S.GetAsync(S.Api($"job_templates/{await S.TemplateIdAsync("Survey Template")}/survey_spec/"));
        var question = r["spec"].AsArray().First(q => q!["variable"]!.GetValue<string>() == "target_os")!;
        Assert.True(question["required"]!.GetValue<bool>());
        Assert.Equal("linux", question["default"]!.GetValue<string>());
        Assert.Equal("linux\nwindows", question["choices"]!.GetValue<string>());
        var none = await S.GetAsync(S.Api($"job_templates/{await S.TemplateIdAsync("Baseline")}/survey_spec/"));
        Assert.Empty(none.Json!.AsObject());
    }
}
