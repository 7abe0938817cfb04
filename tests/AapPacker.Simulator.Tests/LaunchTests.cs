using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class LaunchTests : SimTestBase
{
    [Fact]
    public async Task Launch_answers_201_with_job_ignored_fields_the_full_job_and_location()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory);
        var r = await S.LaunchAsync("Baseline", new { inventory, extra_vars = new { build = "7f3a" } });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        var job = r["job"].GetValue<int>();
        Assert.Equal(job, r["id"].GetValue<int>());
        Assert.Empty(r["ignored_fields"].AsObject());
        Assert.Equal("pending", r["status"].GetValue<string>());
        Assert.Equal(inventory, r["inventory"].GetValue<int>());
        Assert.Equal($"/api/v2/jobs/{job}/", r.Header("Location"));
        Assert.Contains("\"build\": \"7f3a\"", r["extra_vars"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unprompted_fields_are_ignored_but_the_job_is_still_created()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory);
        var r = await S.LaunchAsync("No Prompts", new { inventory, limit = "web1", extra_vars = new { not_in_survey = 1 } });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal(inventory, r["ignored_fields"]["inventory"]!.GetValue<int>());
        Assert.Equal("web1", r["ignored_fields"]["limit"]!.GetValue<string>());
        Assert.Equal(1, r["ignored_fields"]["extra_vars"]!["not_in_survey"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_ignored_inventory_means_the_job_runs_on_the_template_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.LaunchAsync("No Prompts", new { inventory });
        var own = (await S.GetAsync(S.Api("inventories/?name=Demo%20Inventory")))["results"][0]!["id"]!.GetValue<int>();
        Assert.Equal(own, r["inventory"].GetValue<int>());
    }

    [Fact]
    public async Task Ignored_credentials_are_listed_and_the_job_keeps_the_template_credentials()
    {
        var credential = await S.CreateMachineCredentialAsync();
        var r = await S.LaunchAsync("No Prompts", new { credentials = new[] { credential } });
        Assert.Equal(credential, r["ignored_fields"]["credentials"]![0]!.GetValue<int>());
        Assert.Empty(r["summary_fields"]["credentials"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_job_type_blocks_even_when_not_prompted()
    {
        var r = await S.LaunchAsync("No Prompts", new { job_type = "foobicate" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("\"foobicate\" is not a valid choice.", r["job_type"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_inventory_pk_blocks()
    {
        var r = await S.LaunchAsync("Baseline", new { inventory = 87865 });
        Assert.Equal("Invalid pk \"87865\" - object does not exist.", r["inventory"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Forks_must_be_an_integer()
    {
        var r = await S.LaunchAsync("Baseline", new { forks = "many" });
        Assert.Equal("A valid integer is required.", r["forks"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_inventory_pending_deletion_cannot_be_launched_on()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.DeleteAsync(S.Api($"inventories/{inventory}/"));
        var r = await S.LaunchAsync("Baseline", new { inventory });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("The provided inventory is being deleted.", r["inventory"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_required_survey_variable_must_be_sent_even_though_it_has_a_default()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.LaunchAsync("Survey Template", new { inventory });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("'target_os' value missing", r["variables_needed_to_start"][0]!.GetValue<string>());
        var ok = await S.LaunchAsync("Survey Template", new { inventory, extra_vars = new { target_os = "linux" } });
        Assert.Equal(HttpStatusCode.Created, ok.Status);
        Assert.Contains("\"image_owner\": \"packer\"", ok["extra_vars"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_answer_outside_the_choices_is_refused()
    {
        var r = await S.LaunchAsync("Survey Template", new { extra_vars = new { target_os = "beos" } });
        Assert.Equal("Value beos for 'target_os' expected to be one of ['linux', 'windows'].", r["variables_needed_to_start"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_machine_credential_at_launch_replaces_the_template_machine_credential_and_keeps_the_vault()
    {
        var temp = await S.CreateMachineCredentialAsync();
        var info = await S.GetAsync(S.Api($"job_templates/{await S.TemplateIdAsync("With Vault")}/launch/"));
        var machineType = await S.MachineTypeIdAsync();
        var keep = info["defaults"]["credentials"]!.AsArray().Where(c => c!["credential_type"]!.GetValue<int>() != machineType).Select(c => c!["id"]!.GetValue<int>());
        var r = await S.LaunchAsync("With Vault", new { credentials = keep.Append(temp).ToArray() });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        var names = r["summary_fields"]["credentials"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("packer-ssh", names);
        Assert.Contains("Demo Vault", names);
        Assert.DoesNotContain("Demo Credential", names);
    }

    [Fact]
    public async Task Dropping_a_template_credential_without_replacement_is_400()
    {
        var temp = await S.CreateMachineCredentialAsync();
        var r = await S.LaunchAsync("With Vault", new { credentials = new[] { temp } });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Removing Vault credential at launch time without replacement is not supported. Provided list lacked credential(s): Demo Credential, Demo Vault.",
            r["credentials"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_machine_credentials_at_launch_are_refused()
    {
        var a = await S.CreateMachineCredentialAsync("a");
        var b = await S.CreateMachineCredentialAsync("b");
        var r = await S.LaunchAsync("Baseline", new { credentials = new[] { a, b } });
        Assert.Equal("Cannot assign multiple Machine credentials.", r["credentials"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Given_a_sliced_template_and_two_hosts_launch_answers_a_workflow_job()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory, "h1");
        await S.CreateHostAsync(inventory, "h2");
        var r = await S.LaunchAsync("Sliced", new { inventory });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.False(r.Json!.AsObject().ContainsKey("job"));
        var wf = r["workflow_job"].GetValue<int>();
        Assert.True(r["is_sliced_job"].GetValue<bool>());
        Assert.Equal($"/api/v2/workflow_jobs/{wf}/", r.Header("Location"));
    }

    [Fact]
    public async Task Given_a_sliced_template_and_one_host_launch_answers_a_normal_job()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory);
        var r = await S.LaunchAsync("Sliced", new { inventory });
        Assert.NotNull(r.Json!["job"]);
        Assert.Null(r.Json!["workflow_job"]);
    }

    [Fact]
    public async Task Unknown_template_is_404_naming_the_model()
    {
        var r = await S.PostAsync(S.Api("job_templates/9999/launch/"), new { });
        Assert.Equal("No JobTemplate matches the given query.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task A_read_scope_token_cannot_launch()
    {
        var r = await S.PostAsync(S.Api($"job_templates/{await S.TemplateIdAsync("Baseline")}/launch/"), new { }, SimHarness.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
        Assert.Empty((await S.StateAsync())["jobs"]!.AsArray());
    }

    [Fact]
    public async Task Extra_vars_may_be_a_yaml_string()
    {
        var r = await S.LaunchAsync("Baseline", new { extra_vars = "---\nbuild: 7\nflag: true" });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Contains("\"build\": 7", r["extra_vars"].GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("\"flag\": true", r["extra_vars"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extra_vars_that_are_not_a_mapping_are_refused()
    {
        var r = await S.LaunchAsync("Baseline", new { extra_vars = "[1, 2]" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.NotNull(r.Json!["extra_vars"]);
    }

    [Fact]
    public async Task A_value_equal_to_the_template_value_is_neither_accepted_nor_ignored()
    {
        var own = (await S.GetAsync(S.Api("inventories/?name=Demo%20Inventory")))["results"][0]!["id"]!.GetValue<int>();
        var r = await S.LaunchAsync("No Prompts", new { inventory = own, job_type = "run" });
        Assert.Empty(r["ignored_fields"].AsObject());
    }

    [Fact]
    public async Task A_credential_of_a_kind_that_cannot_be_launched_is_refused()
    {
        var scm = (await S.GetAsync(S.Api("credential_types/?namespace=scm")))["results"][0]!["id"]!.GetValue<int>();
        var created = await S.PostAsync(S.Api("credentials/"), new { name = "git", organization = 1, credential_type = scm, inputs = new { username = "git" } });
        var r = await S.LaunchAsync("Baseline", new { credentials = new[] { created["id"].GetValue<int>() } });
        Assert.Equal("Cannot assign a Credential of kind `scm`", r["credentials"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Dropping_a_template_credential_is_400_even_when_credentials_are_not_prompted()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"sim-noask-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, """{"jobTemplates":[{"name":"Fixed","credentials":["Demo Credential"]}]}""");
        try
        {
            await using var s = await SimHarness.StartAsync("awx", scenarioPath: scenario);
            var temp = await s.CreateMachineCredentialAsync();
            var dropped = await s.LaunchAsync("Fixed", new { credentials = new[] { temp } });
            Assert.Equal(HttpStatusCode.Created, dropped.Status);
            var emptyList = await s.LaunchAsync("Fixed", new { credentials = Array.Empty<int>() });
            Assert.Equal(HttpStatusCode.BadRequest, emptyList.Status);
            Assert.StartsWith("Removing Machine credential", emptyList["credentials"][0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    [Fact]
    public async Task Resending_the_template_machine_credential_with_a_new_one_lets_the_new_one_replace_it()
    {
        var temp = await S.CreateMachineCredentialAsync();
        var info = await S.GetAsync(S.Api($"job_templates/{await S.TemplateIdAsync("With Vault")}/launch/"));
        var all = info["defaults"]["credentials"]!.AsArray().Select(c => c!["id"]!.GetValue<int>()).Append(temp).ToArray();
        var r = await S.LaunchAsync("With Vault", new { credentials = all });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        var names = r["summary_fields"]["credentials"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "Demo Vault", "packer-ssh" }, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ignored_credentials_list_only_those_the_template_does_not_have()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"sim-noask2-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, """{"jobTemplates":[{"name":"Fixed","credentials":["Demo Vault"]}]}""");
        try
        {
            await using var s = await SimHarness.StartAsync("awx", scenarioPath: scenario);
            var temp = await s.CreateMachineCredentialAsync();
            var vault = (await s.GetAsync(s.Api("credentials/?name=Demo%20Vault")))["results"][0]!["id"]!.GetValue<int>();
            var r = await s.LaunchAsync("Fixed", new { credentials = new[] { vault, temp } });
            Assert.Equal(HttpStatusCode.Created, r.Status);
            Assert.Equal(temp, Assert.Single(r["ignored_fields"]["credentials"]!.AsArray())!.GetValue<int>());
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
