using System.Globalization;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

public class CiLogTests
{
    [Fact]
    public void Given_job_output_with_agent_commands_when_neutralising_then_neither_agent_would_run_them()
    {
        Assert.Equal("ok **vso[task.setvariable variable=x]1", CiLog.Neutralize("ok ##vso[task.setvariable variable=x]1"));
        Assert.Equal("**[endgroup]", CiLog.Neutralize("##[endgroup]"));
        Assert.NotEqual("::add-mask::x", CiLog.Neutralize("::add-mask::x").TrimStart());
        Assert.Equal("TASK [install] ***", CiLog.Neutralize("TASK [install] ***"));
    }

    [Theory]
    [InlineData("#\u200B#vso[task.setvariable variable=x]1")]
    [InlineData("#\u00AD#vso[task.setvariable variable=x]1")]
    [InlineData("##\u0001vso[task.complete result=Failed]")]
    [InlineData("#\u200B#[error]fake")]
    public void Given_a_marker_split_by_a_character_the_agents_ignore_when_neutralising_then_their_culture_sensitive_match_fails(string line)
    {
        var text = CiLog.Neutralize("ok " + line);

        Assert.True(CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, "##vso[", CompareOptions.None) < 0, text);
        Assert.True(CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, "##[", CompareOptions.None) < 0, text);
        Assert.True(CultureInfo.GetCultureInfo("en-US").CompareInfo.IndexOf(text, "##vso[", CompareOptions.None) < 0, text);
    }

    [Theory]
    [InlineData("::add-mask::everything")]
    [InlineData("  ::error::fake")]
    [InlineData("\u200B::add-mask::everything")]
    [InlineData("\u00AD\u200B ::set-env name=x::1")]
    public void Given_a_github_command_at_a_line_start_when_neutralising_then_the_runners_trim_and_culture_sensitive_prefix_check_fails(string line)
    {
        var text = CiLog.Neutralize(line);

        // What actions/runner does: TrimStart, then StartsWith("::") with the current culture.
#pragma warning disable CA1310 // the culture-sensitive overload is the point: it is the runner's
        Assert.False(text.TrimStart().StartsWith("::"), text);
#pragma warning restore CA1310
        Assert.Contains("::", text, StringComparison.Ordinal); // still readable
    }

    [Fact]
    public void Given_azure_pipelines_when_formatting_then_groups_and_escaped_errors_use_its_syntax()
    {
        var log = CiLog.Detect(new Dictionary<string, string?> { ["TF_BUILD"] = "True" });

        Assert.Equal(CiSystem.AzurePipelines, log.System);
        Assert.Equal("##[group]AAP job 42", log.GroupStart("AAP job 42"));
        Assert.Equal("##[endgroup]", log.GroupEnd());
        Assert.Equal("##vso[task.logissue type=error]Job 42 failed: 100%AZP25%0Anext", log.Error("Job 42 failed: 100%\nnext"));
    }

    [Fact]
    public void Given_github_actions_or_nothing_when_formatting_then_its_syntax_or_no_markup_is_used()
    {
        var github = CiLog.Detect(new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });
        Assert.Equal("::group::t", github.GroupStart("t"));
        Assert.Equal("::error::a%0Ab", github.Error("a\nb"));

        var none = CiLog.Detect(new Dictionary<string, string?>());
        Assert.Null(none.GroupStart("t"));
        Assert.Null(none.Error("e"));
    }
}
