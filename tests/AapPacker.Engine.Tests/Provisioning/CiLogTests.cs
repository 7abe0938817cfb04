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
