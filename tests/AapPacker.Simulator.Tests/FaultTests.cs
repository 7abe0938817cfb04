using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class FaultTests : SimTestBase
{
    [Fact]
    public async Task A_status_rule_with_a_count_fires_that_many_times_then_stops()
    {
        await S.Control.AddFaultsAsync("""{"method":"GET","path":"/ping/$","kind":"status","status":503,"count":2}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await S.GetAsync(S.Api("ping/"))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await S.GetAsync(S.Api("ping/"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("ping/"))).Status);
    }

    [Fact]
    public async Task A_rule_only_matches_its_method_and_path()
    {
        await S.Control.AddFaultsAsync("""{"method":"POST","path":"inventories","kind":"status","status":500}""");
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("inventories/"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("ping/"))).Status);
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "x", organization = 1 });
        Assert.Equal(HttpStatusCode.InternalServerError, r.Status);
        Assert.Equal("A server error has occurred.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task A_rate_fires_on_roughly_that_share_of_requests()
    {
        await S.Control.AddFaultsAsync("""{"method":"*","path":"ping","kind":"status","status":502,"rate":0.5}""");
        var failures = 0;
        for (var i = 0; i < 100; i++)
        {
            if ((await S.GetAsync(S.Api("ping/"))).Status != HttpStatusCode.OK)
            {
                failures++;
            }
        }
        Assert.InRange(failures, 25, 75);
    }

    [Fact]
    public async Task Retry_after_answers_429_with_the_header()
    {
        await S.Control.AddFaultsAsync("""{"method":"GET","path":"me","kind":"retryAfter","retryAfterSeconds":3,"count":1}""");
        var r = await S.GetAsync(S.Api("me/"));
        Assert.Equal((HttpStatusCode)429, r.Status);
        Assert.Equal("3", r.Header("Retry-After"));
    }

    [Fact]
    public async Task Html_fault_is_a_502_with_an_html_body()
    {
        await S.Control.AddFaultsAsync("""{"method":"GET","path":"me","kind":"html","count":1}""");
        var r = await S.GetAsync(S.Api("me/"));
        Assert.Equal(HttpStatusCode.BadGateway, r.Status);
        Assert.StartsWith("text/html", r.Message.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("<html>", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_fault_drops_the_connection()
    {
        await S.Control.AddFaultsAsync("""{"method":"GET","path":"me","kind":"reset","count":1}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => S.GetAsync(S.Api("me/")));
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("me/"))).Status);
    }

    [Fact]
    public async Task Lost_response_performs_the_request_but_the_client_never_hears()
    {
        await S.Control.AddFaultsAsync("""{"method":"POST","path":"inventories/$","kind":"lostResponse","count":1}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => S.PostAsync(S.Api("inventories/"), new { name = "ghost", organization = 1 }));
        var r = await S.GetAsync(S.Api("inventories/?name=ghost"));
        Assert.Equal(1, r["count"].GetValue<int>());
        var log = System.Text.Json.Nodes.JsonNode.Parse(await S.Http.GetStringAsync("/_sim/requests"))!.AsArray();
        Assert.Contains(log, e => e!["fault"]?.GetValue<string>() == "lostResponse" && e["status"]!.GetValue<int>() == 201);
    }

    [Fact]
    public async Task Lost_response_with_status_504_answers_a_gateway_timeout_after_acting()
    {
        await S.Control.AddFaultsAsync("""{"method":"POST","path":"inventories/$","kind":"lostResponse","status":504,"count":1}""");
        var r = await S.PostAsync(S.Api("inventories/"), new { name = "ghost", organization = 1 });
        Assert.Equal(HttpStatusCode.GatewayTimeout, r.Status);
        Assert.Equal(1, (await S.GetAsync(S.Api("inventories/?name=ghost")))["count"].GetValue<int>());
    }

    [Fact]
    public async Task Slow_answer_acts_at_once_and_a_client_that_stops_waiting_does_not_undo_it()
    {
        await S.Control.AddFaultsAsync("""{"method":"POST","path":"inventories/$","kind":"slowAnswer","latencyMs":30000,"count":1}""");
        using var giveUp = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, S.Api("inventories/"))
        {
            Content = new StringContent("""{"name":"slow","organization":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sim-admin-token");
        var post = S.Http.SendAsync(request, giveUp.Token);
        // The log entry is written once the simulator has acted, before the answer.
        while (!System.Text.Json.Nodes.JsonNode.Parse(await S.Http.GetStringAsync("/_sim/requests"))!.AsArray()
            .Any(e => e!["fault"]?.GetValue<string>() == "slowAnswer" && e["status"]!.GetValue<int>() == 201))
        {
            await Task.Delay(20);
        }
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        Assert.Equal(1, (await S.GetAsync(S.Api("inventories/?name=slow")))["count"].GetValue<int>());
    }

    [Fact]
    public async Task Latency_delays_but_still_answers()
    {
        await S.Control.AddFaultsAsync("""{"method":"GET","path":"ping","kind":"latency","latencyMs":150,"count":1}""");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var r = await S.GetAsync(S.Api("ping/"));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.True(started.ElapsedMilliseconds >= 140);
    }

    [Fact]
    public async Task Deleting_faults_clears_them()
    {
        await S.Control.AddFaultsAsync("""{"method":"*","path":".*","kind":"status","status":503}""");
        await S.Control.ClearFaultsAsync();
        Assert.Equal(HttpStatusCode.OK, (await S.GetAsync(S.Api("ping/"))).Status);
    }

    [Fact]
    public async Task An_unknown_fault_kind_is_refused()
    {
        using var content = new StringContent("""{"rules":[{"kind":"explode"}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await S.Http.PostAsync("/_sim/faults", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
