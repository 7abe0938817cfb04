using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

/// <summary>Named URLs, OPTIONS, unified lists, tokens and job deletion, as AWX serves them.</summary>
public sealed class AwxRoutesTests : SimTestBase
{
    /// <summary>The Allow header's methods in order (HttpClient splits the list; the server sends "GET, POST, ...").</summary>
    private static string Allow(SimResponse r) => string.Join(", ", r.Message.Content.Headers.Allow);

    [Fact]
    public async Task A_named_url_resolves_like_the_pk_url()
    {
        var byName = await S.GetAsync(S.Api("inventories/Demo%20Inventory++Default/"));
        Assert.Equal(HttpStatusCode.OK, byName.Status);
        var id = byName["id"].GetValue<int>();
        Assert.Equal(byName["related"]["named_url"]!.GetValue<string>(), S.Api("inventories/Demo%20Inventory++Default/"));
        var hosts = await S.GetAsync(S.Api("inventories/Demo%20Inventory++Default/hosts/"));
        Assert.Equal(1, hosts["count"].GetValue<int>());
        var host = await S.GetAsync(S.Api("hosts/localhost++Demo%20Inventory++Default/"));
        Assert.Equal(hosts["results"][0]!["id"]!.GetValue<int>(), host["id"].GetValue<int>());
        var cred = await S.GetAsync(S.Api("credentials/Demo%20Credential++Machine+ssh++Default/"));
        Assert.Equal("Demo Credential", cred["name"].GetValue<string>());
        var jt = await S.GetAsync(S.Api("job_templates/Baseline/"));
        Assert.Equal("Baseline", jt["name"].GetValue<string>());
        Assert.Equal(id, (await S.GetAsync(S.Api($"inventories/{id}/")))["id"].GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_named_url_is_the_models_404_and_anonymous_is_still_401()
    {
        var missing = await S.GetAsync(S.Api("inventories/Nope++Default/"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("No Inventory matches the given query.", missing["detail"].GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.GetAsync(S.Api("inventories/Nope++Default/"), SimHarness.Anonymous)).Status);
        var malformed = await S.GetAsync(S.Api("inventories/no-plus-sign/"));
        Assert.Equal("The requested resource could not be found.", malformed["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Options_answers_awx_metadata_with_a_truthful_allow()
    {
        var r = await S.SendAsync(HttpMethod.Options, S.Api("inventories/"), null);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("GET, POST, HEAD, OPTIONS", Allow(r));
        Assert.Equal("Inventory List", r["name"].GetValue<string>());
        var post = r["actions"]["POST"]!;
        Assert.Equal("string", post["name"]!["type"]!.GetValue<string>());
        Assert.True(post["name"]!["required"]!.GetValue<bool>());
        Assert.Equal(512, post["name"]!["max_length"]!.GetValue<int>());
        Assert.Equal("id", post["organization"]!["type"]!.GetValue<string>());
        Assert.Equal("choice", post["kind"]!["type"]!.GetValue<string>());
        Assert.Equal("", post["kind"]!["default"]!.GetValue<string>());
        Assert.Contains(post["kind"]!["choices"]!.AsArray(), c => c![0]!.GetValue<string>() == "smart");
        Assert.NotNull(r["actions"]["GET"]!["pending_deletion"]);
        Assert.Null(r["actions"]["GET"]!["name"]!["required"]);
        Assert.Equal(200, r["max_page_size"].GetValue<int>());

        var detail = await S.SendAsync(HttpMethod.Options, S.Api("inventories/1/"), null);
        Assert.Equal("GET, PUT, PATCH, DELETE, HEAD, OPTIONS", Allow(detail));
        Assert.NotNull(detail["actions"]["PUT"]);
        var launch = await S.SendAsync(HttpMethod.Options, S.Api($"job_templates/{await S.TemplateIdAsync("Baseline")}/launch/"), null);
        Assert.Equal("GET, POST, HEAD, OPTIONS", Allow(launch));
        Assert.Equal("list_of_ids", launch["actions"]["POST"]!["credentials"]!["type"]!.GetValue<string>());
        Assert.NotNull(launch["actions"]["GET"]!["can_start_without_user_input"]);
        var reader = await S.SendAsync(HttpMethod.Options, S.Api("inventories/"), null, SimHarness.Reader);
        Assert.Null(reader["actions"]["POST"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.SendAsync(HttpMethod.Options, S.Api("inventories/"), null, SimHarness.Anonymous)).Status);
        Assert.Equal("GET, HEAD, OPTIONS", Allow(await S.GetAsync(S.Api("jobs/"))));
    }

    [Fact]
    public async Task Unified_lists_hold_jobs_and_workflow_jobs_templates_and_workflow_templates()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        var wf = await S.PostAsync(S.Api($"workflow_job_templates/{await S.TemplateIdAsync("Strict Workflow", "workflow_job_templates")}/launch/"), new { });
        Assert.Equal(HttpStatusCode.Created, wf.Status);
        var jobs = await S.GetAsync(S.Api("unified_jobs/?order_by=id"));
        Assert.Contains(jobs["results"].AsArray(), j => j!["type"]!.GetValue<string>() == "job" && j["id"]!.GetValue<int>() == job);
        Assert.Contains(jobs["results"].AsArray(), j => j!["type"]!.GetValue<string>() == "workflow_job");
        var one = await S.GetAsync(S.Api($"unified_jobs/?id={wf["id"]}"));
        Assert.Equal("workflow_job", one["results"][0]!["type"]!.GetValue<string>());
        var templates = await S.GetAsync(S.Api("unified_job_templates/?page_size=200"));
        Assert.Contains(templates["results"].AsArray(), t => t!["type"]!.GetValue<string>() == "workflow_job_template");
        Assert.Contains(templates["results"].AsArray(), t => t!["name"]!.GetValue<string>() == "Baseline");
    }

    [Fact]
    public async Task Controller_tokens_are_created_with_the_password_used_and_deleted()
    {
        var created = await S.PostAsync(S.Api("tokens/"), new { description = "ci", application = (int?)null, scope = "write" }, "basic:admin:password");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var token = created["token"].GetValue<string>();
        Assert.Equal("o_auth2_access_token", created["type"].GetValue<string>());
        var id = created["id"].GetValue<int>();
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("me/"), "bearer:" + token)).Status);
        Assert.Equal("************", (await S.GetAsync(S.Api($"tokens/{id}/")))["token"].GetValue<string>());
        var badScope = await S.PostAsync(S.Api("tokens/"), new { scope = "admin" }, "basic:admin:password");
        Assert.Equal(HttpStatusCode.BadRequest, badScope.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await S.PostAsync(S.Api("tokens/"), new { }, SimHarness.Reader)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await S.DeleteAsync(S.Api($"tokens/{id}/"), "basic:admin:password")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.GetAsync(S.Api("me/"), "bearer:" + token)).Status);
    }

    [Fact]
    public async Task A_read_token_created_with_a_token_cannot_write()
    {
        var created = await S.PostAsync(S.Api("tokens/"), new { scope = "read" });
        var token = created["token"].GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await S.PostAsync(S.Api("inventories/"), new { name = "x", organization = 1 }, "bearer:" + token)).Status);
    }

    [Fact]
    public async Task Deleting_a_job_is_403_while_it_runs_and_204_after()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(3);
        var running = await S.DeleteAsync(S.Api($"jobs/{job}/"));
        Assert.Equal(HttpStatusCode.Forbidden, running.Status);
        Assert.Equal("Cannot delete running job resource.", running["detail"].GetValue<string>());
        await S.AdvanceAsync(10);
        var processing = await S.DeleteAsync(S.Api($"jobs/{job}/"));
        Assert.Equal(HttpStatusCode.BadRequest, processing.Status);
        Assert.Equal("Job has not finished processing events.", processing["error"].GetValue<string>());
        await S.AdvanceAsync(5);
        Assert.Equal(HttpStatusCode.NoContent, (await S.DeleteAsync(S.Api($"jobs/{job}/"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api($"jobs/{job}/"))).Status);
    }

    [Fact]
    public async Task Deleting_a_workflow_job_is_403_while_it_runs_and_204_after()
    {
        var wf = await S.PostAsync(S.Api($"workflow_job_templates/{await S.TemplateIdAsync("Strict Workflow", "workflow_job_templates")}/launch/"), new { });
        var id = wf["id"].GetValue<int>();
        await S.AdvanceAsync(2);
        var running = await S.DeleteAsync(S.Api($"workflow_jobs/{id}/"));
        Assert.Equal(HttpStatusCode.Forbidden, running.Status);
        Assert.Equal("Cannot delete running job resource.", running["detail"].GetValue<string>());
        await S.AdvanceAsync(120);
        Assert.Equal(HttpStatusCode.NoContent, (await S.DeleteAsync(S.Api($"workflow_jobs/{id}/"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api($"workflow_jobs/{id}/"))).Status);
    }
}

/// <summary>The gateway's own token endpoint, tried first by newer collections and awxkit.</summary>
public sealed class GatewayTokenTests : SimTestBase
{
    protected override string Layout => "gateway";

    [Fact]
    public async Task Gateway_tokens_authenticate_controller_requests()
    {
        var created = await S.PostAsync("/api/gateway/v1/tokens/", new { description = "ci", application = (int?)null, scope = "write" }, "basic:admin:password");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var token = created["token"].GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("inventories/"), "bearer:" + token)).Status);
        Assert.Equal("$encrypted$", (await S.GetAsync($"/api/gateway/v1/tokens/{created["id"]}/"))["token"].GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await S.DeleteAsync($"/api/gateway/v1/tokens/{created["id"]}/")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.GetAsync(S.Api("inventories/"), "bearer:" + token)).Status);
    }
}
