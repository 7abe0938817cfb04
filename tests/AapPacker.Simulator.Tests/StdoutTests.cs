using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class StdoutTests : SimTestBase
{
    [Fact]
    public async Task Txt_is_plain_text_without_ansi_and_ansi_keeps_the_colours()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(20);
        var txt = await S.GetAsync(S.Api($"jobs/{job}/stdout/?format=txt"));
        Assert.Equal(HttpStatusCode.OK, txt.Status);
        Assert.StartsWith("text/plain", txt.Message.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("PLAY RECAP", txt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", txt.Text, StringComparison.Ordinal);
        var ansi = await S.GetAsync(S.Api($"jobs/{job}/stdout/?format=ansi"));
        Assert.Contains("\u001b[0;32m", ansi.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Txt_has_exactly_as_many_lines_as_the_events_claim()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Baseline", hosts: 3);
        await S.AdvanceAsync(20);
        var txt = await S.GetAsync(S.Api($"jobs/{job}/stdout/?format=txt"));
        var last = (await S.GetAsync(S.Api($"jobs/{job}/job_events/?order_by=-start_line&limit=1")))["results"][0]!;
        Assert.Equal(last["end_line"]!.GetValue<int>(), txt.Text.Count(c => c == '\n'));
        Assert.DoesNotContain("\r", txt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_has_a_line_range_and_content()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(20);
        var r = await S.GetAsync(S.Api($"jobs/{job}/stdout/?format=json&start_line=0&end_line=3"));
        Assert.Equal(0, r["range"]["start"]!.GetValue<int>());
        Assert.Equal(3, r["range"]["end"]!.GetValue<int>());
        Assert.True(r["range"]["absolute_end"]!.GetValue<int>() > 3);
        Assert.Contains("PLAY [", r["content"].GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Above_one_mebibyte_txt_answers_200_with_the_too_large_message_and_download_has_everything()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"sim-big-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, """
            {"jobTemplates":[{"name":"Huge","ask":["inventory"],"eventCount":500000,"eventStdoutBytes":100,"runSeconds":100}]}
            """);
        try
        {
            await using var s = await SimHarness.StartAsync("awx", scenarioPath: scenario);
            var (job, _) = await s.LaunchOnTempInventoryAsync("Huge");
            await s.AdvanceAsync(120);
            var txt = await s.GetAsync(s.Api($"jobs/{job}/stdout/?format=txt"));
            Assert.Equal(HttpStatusCode.OK, txt.Status);
            Assert.Matches(@"^Standard Output too large to display \(\d+ bytes\), only download supported for sizes over 1048576 bytes\.$", txt.Text);
            var json = await s.GetAsync(s.Api($"jobs/{job}/stdout/?format=json"));
            Assert.StartsWith("Standard Output too large", json["content"].GetValue<string>(), StringComparison.Ordinal);
            var deep = await s.GetAsync(s.Api($"jobs/{job}/job_events/?start_line__gte=400000&page_size=2&no_truncate=1"));
            Assert.Equal(400000, deep["results"][0]!["start_line"]!.GetValue<int>());
            var download = await s.GetAsync(s.Api($"jobs/{job}/stdout/?format=txt_download"));
            Assert.Contains("attachment", download.Header("Content-Disposition"), StringComparison.Ordinal);
            Assert.True(download.Text.Length > 1_048_576);
            Assert.Contains("PLAY RECAP", download.Text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
