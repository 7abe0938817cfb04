using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class ScenarioTests
{
    private static async Task<SimHarness> StartWithAsync(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        try
        {
            return await SimHarness.StartAsync("gateway", scenarioPath: path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_scenario_defines_templates_users_and_organizations()
    {
        await using var s = await StartWithAsync("""
            {
              // comments are allowed
              "users": [{"username": "ci", "password": "pw", "superuser": true, "tokens": [{"token": "ci-token"}]}],
              "organizations": [{"name": "Images"}],
              "inventories": [],
              "credentials": [],
              "jobTemplates": [{"name": "Build", "organization": "Images", "inventory": null, "ask": ["inventory"], "outcome": "error", "eventCount": 10, "runSeconds": 4}],
            }
            """);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.GetAsync(s.Api("me/"))).Status);
        var me = await s.GetAsync(s.Api("me/"), "bearer:ci-token");
        Assert.Equal("ci", me["results"][0]!["username"]!.GetValue<string>());
        var org = await s.GetAsync(s.Api("organizations/"), "bearer:ci-token");
        Assert.Equal("Images", Assert.Single(org["results"].AsArray())!["name"]!.GetValue<string>());
        var info = await s.GetAsync(s.Api($"job_templates/{await TemplateAsync(s)}/launch/"), "bearer:ci-token");
        Assert.True(info["inventory_needed_to_start"].GetValue<bool>());
    }

    [Fact]
    public async Task A_template_without_inventory_needs_one_at_launch()
    {
        await using var s = await StartWithAsync("""
            {"users": [{"username": "ci", "password": "pw", "superuser": true, "tokens": [{"token": "ci-token"}]}],
             "jobTemplates": [{"name": "Build", "inventory": null, "ask": ["inventory"]}]}
            """);
        var r = await s.PostAsync(s.Api($"job_templates/{await TemplateAsync(s)}/launch/"), new { }, "bearer:ci-token");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Job Template inventory is missing or undefined.", r["resources_needed_to_start"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_error_outcome_ends_in_error_with_an_explanation_and_no_recap()
    {
        await using var s = await StartWithAsync("""
            {"users": [{"username": "ci", "password": "pw", "superuser": true, "tokens": [{"token": "ci-token"}]}],
             "jobTemplates": [{"name": "Build", "ask": ["inventory"], "outcome": "error", "eventCount": 10, "runSeconds": 4}]}
            """);
        var r = await s.PostAsync(s.Api($"job_templates/{await TemplateAsync(s)}/launch/"), new { }, "bearer:ci-token");
        var job = r["job"].GetValue<int>();
        await s.AdvanceAsync(30);
        var j = await s.GetAsync(s.Api($"jobs/{job}/"), "bearer:ci-token");
        Assert.Equal("error", j["status"].GetValue<string>());
        Assert.True(j["failed"].GetValue<bool>());
        Assert.Equal("Job terminated due to error", j["job_explanation"].GetValue<string>());
        var stats = await s.GetAsync(s.Api($"jobs/{job}/job_events/?event=playbook_on_stats"), "bearer:ci-token");
        Assert.Equal(0, stats["count"].GetValue<int>());
    }

    private static async Task<int> TemplateAsync(SimHarness s)
        => (await s.GetAsync(s.Api("job_templates/?name=Build"), "bearer:ci-token"))["results"][0]!["id"]!.GetValue<int>();
}
