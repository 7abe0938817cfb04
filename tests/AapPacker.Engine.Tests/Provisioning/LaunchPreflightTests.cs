using System.Collections;
using System.Text.Json;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

public class LaunchPreflightTests
{
    private const int MachineType = 7;

    private static readonly string[] AllAskFlags = LaunchField.All.Select(f => f.AskFlag).ToArray();

    private static LaunchTemplateInfo Template(bool workflow = false, string? except = null, bool allAsk = true, string extra = "")
    {
        var flags = string.Join(", ", AllAskFlags.Select(f => $"\"{f}\": {(allAsk && f != except ? "true" : "false")}"));
        var json = "{\"" + (workflow ? "workflow_job_template_data" : "job_template_data") + "\": {\"id\": 5, \"name\": \"Harden\"}, " + flags
                   + ", \"passwords_needed_to_start\": [], \"variables_needed_to_start\": [], \"survey_enabled\": false"
                   + ", \"defaults\": {\"limit\": \"\", \"job_type\": \"run\", \"verbosity\": 0, \"diff_mode\": false, \"forks\": 0, \"inventory\": {\"id\": 1, \"name\": \"Demo\"}"
                   + ", \"credentials\": [{\"id\": 3, \"name\": \"Demo key\", \"credential_type\": 7, \"passwords_needed\": []}]}" + extra + "}";
        using var doc = JsonDocument.Parse(json);
        return LaunchTemplateInfo.From(LaunchInfo.Read(doc.RootElement, workflow, 5), workflow);
    }

    private static LaunchRequest Ours() => new()
    {
        Inventory = 0,
        Credentials = [new LaunchCredential(0, MachineType, name: "temporary")],
        ExtraVars = ExtraVars.Parse(new Hashtable { ["packer_build_name"] = "golden" }),
    };

    [Fact]
    public void Given_a_template_prompting_for_everything_when_checking_our_launch_then_inventory_credentials_and_vars_are_sent()
    {
        var plan = LaunchPreflight.Check(Template(), Ours(), MachineType);

        Assert.Equal(new HashSet<string> { "inventory", "credentials", "extra_vars" }, plan.Fields);
    }

    [Fact]
    public void Given_a_template_without_inventory_prompt_when_checking_then_the_error_names_the_setting_to_turn_on()
    {
        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(Template(except: "ask_inventory_on_launch"), Ours(), MachineType));

        Assert.Equal(AapProvisionExitCode.ConfigurationError, e.ExitCode);
        Assert.Equal("TemplateDoesNotPromptForInventory", e.ErrorId);
        Assert.Contains("ask_inventory_on_launch", e.Message);
        Assert.Contains("template's own inventory", e.Message);
        Assert.Contains("Prompt on launch for Inventory", e.RecommendedAction);
    }

    // LaunchRequest is internal to the engine, so the theory's data is the flag and the setter is looked up here.
    private static readonly Dictionary<string, Action<LaunchRequest>> Setters = new()
    {
        ["ask_limit_on_launch"] = r => r.Limit = "web",
        ["ask_tags_on_launch"] = r => r.JobTags = "install",
        ["ask_skip_tags_on_launch"] = r => r.SkipTags = "slow",
        ["ask_verbosity_on_launch"] = r => r.Verbosity = 3,
        ["ask_diff_mode_on_launch"] = r => r.DiffMode = true,
        ["ask_job_type_on_launch"] = r => r.JobType = "check",
        ["ask_execution_environment_on_launch"] = r => r.ExecutionEnvironment = 4,
        ["ask_labels_on_launch"] = r => r.Labels = [2],
        ["ask_forks_on_launch"] = r => r.Forks = 10,
        ["ask_instance_groups_on_launch"] = r => r.InstanceGroups = [1],
        ["ask_scm_branch_on_launch"] = r => r.ScmBranch = "feature",
        ["ask_job_slice_count_on_launch"] = r => r.JobSliceCount = 2,
        ["ask_timeout_on_launch"] = r => r.Timeout = 600,
        ["ask_credential_on_launch"] = _ => { },
        ["ask_variables_on_launch"] = _ => { },
    };

    public static TheoryData<string> PromptedFields => new(Setters.Keys);

    [Theory]
    [MemberData(nameof(PromptedFields))]
    public void Given_a_field_whose_prompt_is_off_when_checking_then_it_is_refused_naming_the_flag(string askFlag)
    {
        var request = Ours();
        Setters[askFlag](request);

        Assert.NotNull(LaunchPreflight.Check(Template(), request, MachineType));
        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(Template(except: askFlag), request, MachineType));
        Assert.Contains(askFlag, e.Message);
        Assert.Contains(LaunchField.All.Single(f => f.AskFlag == askFlag).Setting, e.RecommendedAction);
    }

    [Fact]
    public void Given_a_value_equal_to_the_templates_when_checking_then_it_is_neither_refused_nor_sent()
    {
        var request = Ours();
        request.JobType = "run";
        request.Verbosity = 0;

        var plan = LaunchPreflight.Check(Template(except: "ask_job_type_on_launch"), request, MachineType);

        Assert.DoesNotContain("job_type", plan.Fields);
    }

    [Fact]
    public void Given_an_old_server_without_a_flag_when_checking_then_the_error_says_the_version_cannot_take_it()
    {
        var template = Template();
        template.AskFlags.Remove("ask_forks_on_launch");
        var request = Ours();
        request.Forks = 5;

        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(template, request, MachineType));

        Assert.Contains("This AAP version", e.Message);
    }

    [Fact]
    public void Given_a_required_survey_variable_missing_when_checking_then_it_is_refused_even_with_a_default()
    {
        var template = Template(extra: ", \"x\": 1");
        template.VariablesNeeded.Add("target_os");

        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(template, Ours(), MachineType));

        Assert.Equal("SurveyVariablesMissing", e.ErrorId);
        Assert.Contains("'target_os'", e.Message);
        Assert.Contains(Fields.ExtraVars, e.RecommendedAction);
    }

    [Fact]
    public void Given_the_required_survey_variable_when_checking_then_the_launch_is_accepted()
    {
        var template = Template();
        template.VariablesNeeded.Add("target_os");
        var request = Ours();
        request.ExtraVars = ExtraVars.Parse("target_os: rhel9");

        Assert.Contains("extra_vars", LaunchPreflight.Check(template, request, MachineType).Fields);
    }

    [Fact]
    public void Given_extra_vars_without_variables_prompt_when_the_survey_covers_them_then_they_are_accepted()
    {
        var template = Template(except: "ask_variables_on_launch");
        template.SurveyVariables.Add("packer_build_name");

        Assert.Contains("extra_vars", LaunchPreflight.Check(template, Ours(), MachineType).Fields);
    }

    [Fact]
    public void Given_extra_vars_without_variables_prompt_or_survey_when_checking_then_the_uncovered_keys_are_named()
    {
        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(Template(except: "ask_variables_on_launch"), Ours(), MachineType));

        Assert.Equal("TemplateDoesNotPromptForExtraVars", e.ErrorId);
        Assert.Contains("'packer_build_name'", e.Message);
    }

    [Fact]
    public void Given_template_credentials_asking_for_a_vault_password_when_checking_then_it_is_refused()
    {
        var template = Template();
        template.PasswordsNeeded.Add("vault_password.prod");

        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(template, Ours(), MachineType));

        Assert.Equal("TemplateNeedsLaunchPasswords", e.ErrorId);
        Assert.Contains("vault_password.prod", e.Message);
    }

    [Fact]
    public void Given_machine_launch_passwords_when_our_machine_credential_replaces_it_then_they_are_not_needed()
    {
        var template = Template();
        template.PasswordsNeeded.Add("ssh_password");
        template.PasswordsNeeded.Add("become_password");

        Assert.NotNull(LaunchPreflight.Check(template, Ours(), MachineType));
        var withoutOurs = Ours();
        withoutOurs.Credentials.Clear();
        Assert.Equal("TemplateNeedsLaunchPasswords", Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(template, withoutOurs, MachineType)).ErrorId);
    }

    [Fact]
    public void Given_a_workflow_when_credentials_are_passed_then_it_is_refused_rather_than_dropped()
    {
        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(Template(workflow: true), Ours(), MachineType));

        Assert.Equal(WorkflowCredentialPolicy.ErrorId, e.ErrorId);
        Assert.Contains(Fields.NoCredential, e.RecommendedAction);
    }

    [Fact]
    public void Given_a_workflow_when_a_job_only_field_is_passed_then_it_is_refused()
    {
        var request = Ours();
        request.Credentials.Clear();
        request.Forks = 3;

        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(Template(workflow: true), request, MachineType));

        Assert.Equal("WorkflowDoesNotTakeForks", e.ErrorId);
    }

    [Fact]
    public void Given_a_workflow_with_prompts_when_inventory_and_vars_are_passed_then_they_are_sent()
    {
        var request = Ours();
        request.Credentials.Clear();

        Assert.Equal(new HashSet<string> { "inventory", "extra_vars" }, LaunchPreflight.Check(Template(workflow: true), request, MachineType).Fields);
    }

    [Fact]
    public void Given_several_problems_when_checking_then_all_are_listed_in_one_error()
    {
        var template = Template(allAsk: false);
        template.VariablesNeeded.Add("target_os");

        var e = Assert.Throws<AapProvisioningException>(() => LaunchPreflight.Check(template, Ours(), MachineType));

        Assert.Equal("LaunchPreflightFailed", e.ErrorId);
        Assert.Contains("ask_inventory_on_launch", e.Message);
        Assert.Contains("ask_credential_on_launch", e.Message);
        Assert.Contains("target_os", e.Message);
    }

    [Fact]
    public void Given_a_plan_when_building_the_payload_then_only_planned_fields_with_real_ids_are_sent()
    {
        var request = Ours();
        request.Limit = "web";
        var plan = LaunchPreflight.Check(Template(), request, MachineType);
        request.Inventory = 15;

        var payload = plan.BuildPayload(request, [4, 57]);

        Assert.Equal(15, payload["inventory"]);
        Assert.Equal(new List<int> { 4, 57 }, payload["credentials"]);
        Assert.Equal("web", payload["limit"]);
        Assert.False(payload.ContainsKey("forks"));
    }

    [Fact]
    public void Given_a_launch_answer_when_parsing_then_defaults_and_flags_are_read()
    {
        var template = Template();

        Assert.Equal("Harden", template.Name);
        Assert.Equal(1, template.DefaultInventoryId);
        Assert.Single(template.DefaultCredentials);
        Assert.Equal(MachineType, template.DefaultCredentials[0].CredentialTypeId);
        Assert.True(template.Asks("ask_inventory_on_launch"));
    }
}
