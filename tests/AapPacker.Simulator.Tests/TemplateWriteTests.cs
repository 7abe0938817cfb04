using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

/// <summary>
/// PUT and PATCH on job templates and workflow job templates (AWX JobTemplateSerializer /
/// WorkflowJobTemplateSerializer): the awx.awx <c>job_template</c> and <c>workflow_job_template</c> modules' update path.
/// </summary>
public sealed class TemplateWriteTests : SimTestBase
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    [Fact]
    public async Task Job_template_patch_changes_what_is_sent_ignores_read_only_fields_and_the_launch_uses_it()
    {
        var id = await S.TemplateIdAsync("No Prompts");
        var r = await S.SendAsync(Patch, S.Api($"job_templates/{id}/"),
            new { description = "patched", limit = "web", forks = 5, verbosity = "2", extra_vars = "{\"a\": 1}", organization = 2, status = "failed", id = 999 });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("No Prompts", r["name"].GetValue<string>());
        Assert.Equal("patched", r["description"].GetValue<string>());
        Assert.Equal("web", r["limit"].GetValue<string>());
        Assert.Equal(5, r["forks"].GetValue<int>());
        Assert.Equal(2, r["verbosity"].GetValue<int>());
        Assert.Equal("{\"a\": 1}", r["extra_vars"].GetValue<string>());
        Assert.Equal(1, r["organization"].GetValue<int>());
        Assert.Equal(id, r["id"].GetValue<int>());
        Assert.Equal("never updated", r["status"].GetValue<string>());
        Assert.Equal("patched", (await S.GetAsync(S.Api($"job_templates/{id}/")))["description"].GetValue<string>());
        var job = await S.LaunchAsync("No Prompts");
        Assert.Equal(HttpStatusCode.Created, job.Status);
        Assert.Equal("web", job["limit"].GetValue<string>());
        Assert.Equal(5, job["forks"].GetValue<int>());
    }

    [Fact]
    public async Task Job_template_field_errors_come_per_field_and_change_nothing()
    {
        var id = await S.TemplateIdAsync("No Prompts");
        var r = await S.SendAsync(Patch, S.Api($"job_templates/{id}/"),
            new { forks = -1, verbosity = 9, job_type = (string?)null, extra_vars = "[1, 2]", inventory = 9999, name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Ensure this value is greater than or equal to 0.", r["forks"][0]!.GetValue<string>());
        Assert.Equal("\"9\" is not a valid choice.", r["verbosity"][0]!.GetValue<string>());
        Assert.Equal("\"\" is not a valid choice.", r["job_type"][0]!.GetValue<string>());
        Assert.Equal("Invalid pk \"9999\" - object does not exist.", r["inventory"][0]!.GetValue<string>());
        Assert.Equal("This field may not be blank.", r["name"][0]!.GetValue<string>());
        var vars = await S.SendAsync(Patch, S.Api($"job_templates/{id}/"), new { extra_vars = "[1, 2]" });
        Assert.StartsWith("Cannot parse as JSON", vars["extra_vars"][0]!.GetValue<string>());
        var nulls = await S.SendAsync(Patch, S.Api($"job_templates/{id}/"), new { forks = (int?)null, description = (string?)null, diff_mode = (bool?)null });
        Assert.Equal("This field may not be null.", nulls["forks"][0]!.GetValue<string>());
        var after = await S.GetAsync(S.Api($"job_templates/{id}/"));
        Assert.Equal(0, after["forks"].GetValue<int>());
        Assert.Equal("run", after["job_type"].GetValue<string>());
    }

    [Fact]
    public async Task Job_template_validate_rules_inventory_playbook_branch_and_unique_name()
    {
        var id = await S.TemplateIdAsync("No Prompts");
        var url = S.Api($"job_templates/{id}/");
        Assert.Equal("You must either set a default value or ask to prompt on launch.",
            (await S.SendAsync(Patch, url, new { inventory = (int?)null }))["inventory"][0]!.GetValue<string>());
        var prompted = await S.SendAsync(Patch, url, new { inventory = (int?)null, ask_inventory_on_launch = true });
        Assert.Equal(HttpStatusCode.OK, prompted.Status);
        Assert.True((await S.GetAsync(S.Api($"job_templates/{id}/launch/")))["inventory_needed_to_start"].GetValue<bool>());
        Assert.Equal("Job Templates must have a project assigned.",
            (await S.SendAsync(Patch, url, new { project = (int?)null }))["project"][0]!.GetValue<string>());
        Assert.Equal("Playbook not found for project.",
            (await S.SendAsync(Patch, url, new { playbook = "nowhere.yml" }))["playbook"][0]!.GetValue<string>());
        Assert.Equal("Must select playbook for project.",
            (await S.SendAsync(Patch, url, new { playbook = "" }))["playbook"][0]!.GetValue<string>());
        Assert.Equal("Project does not allow overriding branch.",
            (await S.SendAsync(Patch, url, new { scm_branch = "feature" }))["scm_branch"][0]!.GetValue<string>());
        Assert.Equal("Cannot enable provisioning callback without an inventory set.",
            (await S.SendAsync(Patch, url, new { host_config_key = "k" }))["host_config_key"][0]!.GetValue<string>());
        Assert.Equal("JobTemplate with this (name, organization) combination already exists.",
            (await S.SendAsync(Patch, url, new { name = "Baseline" }))["__all__"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Job_template_put_needs_the_name_resets_model_fields_and_keeps_unsent_foreign_keys()
    {
        var id = await S.TemplateIdAsync("No Prompts");
        var url = S.Api($"job_templates/{id}/");
        await S.SendAsync(Patch, url, new { description = "d", limit = "web", ask_limit_on_launch = true, diff_mode = true });
        var missing = await S.SendAsync(HttpMethod.Put, url, new { description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("This field is required.", missing["name"][0]!.GetValue<string>());
        var before = await S.GetAsync(url);
        var put = await S.SendAsync(HttpMethod.Put, url, new { name = "No Prompts 2", playbook = before["playbook"].GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("No Prompts 2", put["name"].GetValue<string>());
        Assert.Equal("", put["description"].GetValue<string>());
        Assert.Equal("", put["limit"].GetValue<string>());
        Assert.False(put["ask_limit_on_launch"].GetValue<bool>());
        Assert.False(put["diff_mode"].GetValue<bool>());
        Assert.Equal(before["inventory"].GetValue<int>(), put["inventory"].GetValue<int>());
        Assert.Equal(before["project"].GetValue<int>(), put["project"].GetValue<int>());
    }

    [Fact]
    public async Task Workflow_template_patch_put_and_the_char_prompts_rule()
    {
        var id = await S.TemplateIdAsync("Strict Workflow", "workflow_job_templates");
        var url = S.Api($"workflow_job_templates/{id}/");
        var r = await S.SendAsync(Patch, url, new { description = "wf", limit = "web", job_tags = "a", ask_limit_on_launch = true, organization = 2 });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("wf", r["description"].GetValue<string>());
        Assert.Equal("web", r["limit"].GetValue<string>());
        Assert.Equal(2, r["organization"].GetValue<int>());
        Assert.True(r["ask_limit_on_launch"].GetValue<bool>());
        // Sending one char prompt replaces the set; sending only nulls leaves it (WorkflowJobTemplateSerializer.validate).
        var replaced = await S.SendAsync(Patch, url, new { scm_branch = "dev" });
        Assert.Null(replaced["limit"]);
        Assert.Null(replaced["job_tags"]);
        Assert.Equal("dev", replaced["scm_branch"].GetValue<string>());
        Assert.Equal("dev", (await S.SendAsync(Patch, url, new { scm_branch = (string?)null }))["scm_branch"].GetValue<string>());
        Assert.Equal("Invalid pk \"9999\" - object does not exist.",
            (await S.SendAsync(Patch, url, new { organization = 9999 }))["organization"][0]!.GetValue<string>());
        var put = await S.SendAsync(HttpMethod.Put, url, new { name = "Strict Workflow" });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("", put["description"].GetValue<string>());
        Assert.False(put["ask_limit_on_launch"].GetValue<bool>());
        Assert.Equal(2, put["organization"].GetValue<int>());
        Assert.Equal("This field is required.", (await S.SendAsync(HttpMethod.Put, url, new { description = "x" }))["name"][0]!.GetValue<string>());
        var other = await S.TemplateIdAsync("Image Pipeline", "workflow_job_templates");
        await S.SendAsync(Patch, S.Api($"workflow_job_templates/{other}/"), new { organization = 2 });
        Assert.Equal("WorkflowJobTemplate with this (name, organization) combination already exists.",
            (await S.SendAsync(Patch, url, new { name = "Image Pipeline" }))["__all__"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Template_writes_are_offered_to_writers_and_refused_to_readers()
    {
        var id = await S.TemplateIdAsync("No Prompts");
        var options = await S.SendAsync(HttpMethod.Options, S.Api($"job_templates/{id}/"), null);
        Assert.Equal("GET, PUT, PATCH, HEAD, OPTIONS", string.Join(", ", options.Message.Content.Headers.Allow));
        var put = options["actions"]["PUT"]!.AsObject();
        Assert.Equal("choice", put["verbosity"]!["type"]!.GetValue<string>());
        Assert.False(put.ContainsKey("organization"));
        var refused = await S.SendAsync(Patch, S.Api($"job_templates/{id}/"), new { description = "no" }, SimHarness.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("", (await S.GetAsync(S.Api($"job_templates/{id}/")))["description"].GetValue<string>());
    }
}
