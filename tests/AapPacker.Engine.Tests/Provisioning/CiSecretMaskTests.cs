using System.Text;
using AapPacker.Engine.Provisioning;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.Provisioning;

public class CiSecretMaskTests
{
    private static readonly Dictionary<string, string?> NoPacker = new();
    private static readonly Dictionary<string, string?> InPacker = new() { ["PACKER_RUN_UUID"] = "7f1c", ["PACKER_BUILD_NAME"] = "image" };

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Given_azure_pipelines_when_registering_then_each_secret_its_base64_and_each_key_line_are_set_secret()
    {
        var key = TestSecretCatalog.PrivateKey;
        var password = TestSecretCatalog.TargetPassword;

        var commands = CiSecretMask.Commands(CiSystem.AzurePipelines, InPacker, [password, key, null, ""]);

        Assert.Contains("##vso[task.setsecret]" + password, commands);
        Assert.Contains("##vso[task.setsecret]" + B64(password), commands);
        Assert.Contains("##vso[task.setsecret]" + B64(key), commands);
        foreach (var line in key.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.Contains("##vso[task.setsecret]" + line, commands);
        }

        Assert.DoesNotContain(commands, c => c.Contains("-----BEGIN", StringComparison.Ordinal) || c.Contains('\n', StringComparison.Ordinal));
        Assert.Equal(commands.Count, commands.Distinct().Count());
    }

    [Fact]
    public void Given_a_value_with_percent_when_registering_then_it_is_escaped_the_way_each_agent_unescapes()
    {
        Assert.Contains("##vso[task.setsecret]50%AZP25off", CiSecretMask.Commands(CiSystem.AzurePipelines, NoPacker, ["50%off"]));
        Assert.Contains("::add-mask::50%25off", CiSecretMask.Commands(CiSystem.GitHubActions, NoPacker, ["50%off"]));
    }

    [Fact]
    public void Given_github_actions_outside_packer_when_registering_then_each_line_is_add_masked()
    {
        var commands = CiSecretMask.Commands(CiSystem.GitHubActions, NoPacker, [TestSecretCatalog.PrivateKey, TestSecretCatalog.AdminToken]);

        Assert.Contains("::add-mask::" + TestSecretCatalog.AdminToken, commands);
        Assert.Contains("::add-mask::" + B64(TestSecretCatalog.AdminToken), commands);
        Assert.Equal(3, commands.Count(c => c.StartsWith("::add-mask::", StringComparison.Ordinal) && TestSecretCatalog.PrivateKey.Contains(c["::add-mask::".Length..], StringComparison.Ordinal)));
    }

    [Fact]
    public void Given_github_actions_inside_packer_or_no_ci_when_registering_then_nothing_is_written()
    {
        // Packer prefixes each line, so the runner would print the command (and the secret) instead of running it.
        Assert.Empty(CiSecretMask.Commands(CiSystem.GitHubActions, InPacker, [TestSecretCatalog.TargetPassword]));
        Assert.Empty(CiSecretMask.Commands(CiSystem.None, NoPacker, [TestSecretCatalog.TargetPassword]));
        Assert.True(CiSecretMask.InsidePacker(new Dictionary<string, string?> { ["PACKER_BUILDER_TYPE"] = "null" }));
        Assert.False(CiSecretMask.InsidePacker(new Dictionary<string, string?> { ["PACKER_RUN_UUID"] = " " }));
    }

    [Fact]
    public void Given_short_values_when_registering_then_they_are_not_registered_as_they_would_mask_ordinary_text()
    {
        var commands = CiSecretMask.Commands(CiSystem.AzurePipelines, NoPacker, ["abc"]);

        Assert.DoesNotContain("##vso[task.setsecret]abc", commands);
        Assert.Single(commands); // the base64 form, 4 characters
    }
}
