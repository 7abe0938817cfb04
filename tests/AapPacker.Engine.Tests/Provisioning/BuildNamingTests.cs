using System.Collections.Concurrent;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

public class BuildNamingTests
{
    private const string RunUuid = "0f8e0a52-7a8f-4b57-a1f5-0a2b1a2f9c11";

    [Fact]
    public void Given_two_sources_of_one_packer_run_built_in_parallel_when_naming_then_no_names_collide()
    {
        var names = new ConcurrentBag<string>();
        Parallel.For(0, 2000, _ =>
        {
            var build = BuildIdentity.Create(null, RunUuid, "golden");
            names.Add(BuildNaming.InventoryName(build));
            names.Add(BuildNaming.CredentialName(build));
        });

        Assert.Equal(4000, names.Distinct().Count());
    }

    [Fact]
    public void Given_a_packer_run_when_creating_the_identity_then_the_build_id_is_run_uuid_and_build_name()
    {
        var build = BuildIdentity.Create(null, RunUuid, "golden");

        Assert.Equal(RunUuid + "-golden", build.BuildId);
        Assert.Equal(8, build.InstanceSuffix.Length);
        Assert.StartsWith("packer-" + RunUuid + "-golden-", BuildNaming.InventoryName(build));
    }

    [Fact]
    public void Given_an_explicit_build_id_when_creating_the_identity_then_it_wins_over_packer()
    {
        Assert.Equal("nightly-42", BuildIdentity.Create("nightly-42", RunUuid, "golden").BuildId);
    }

    [Fact]
    public void Given_nothing_when_creating_the_identity_then_a_random_adhoc_id_is_used()
    {
        var a = BuildIdentity.Create("<unknown>", "", null);
        var b = BuildIdentity.Create(null, null, null);

        Assert.StartsWith("adhoc-", a.BuildId);
        Assert.NotEqual(a.BuildId, b.BuildId);
    }

    [Fact]
    public void Given_odd_build_ids_when_naming_then_names_are_safe_and_at_most_512_characters()
    {
        var build = BuildIdentity.Create(new string('x', 150) + " / ünïcode: ;$ `rm -rf`", null, null);
        var name = BuildNaming.CredentialName(build);

        Assert.True(name.Length <= 512, $"length {name.Length}");
        Assert.All(name, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"unsafe '{c}'"));
        Assert.Equal("a-b-c", BuildIdentity.Create("a b/c", null, null).BuildId);
    }

    [Fact]
    public void Given_the_longest_build_id_when_naming_then_every_name_fits_AAPs_512_characters_and_the_ledger_file_the_file_system()
    {
        var build = BuildIdentity.Create(new string('x', BuildIdentity.MaxBuildIdLength), null, null);

        Assert.Equal(BuildIdentity.MaxBuildIdLength, build.BuildId.Length);
        Assert.True(BuildNaming.CredentialName(build).Length <= BuildNaming.MaxNameLength);
        Assert.EndsWith(build.BuildId + "-" + build.InstanceSuffix, BuildNaming.InventoryName(build));
        Assert.True(build.BuildId.Length + 1 + build.InstanceSuffix.Length + ".json".Length <= 255);
    }

    [Fact]
    public void Given_a_build_id_too_long_for_AAPs_names_when_creating_the_identity_then_it_is_refused_naming_the_parameter_and_the_limit()
    {
        // Long enough that packer-<id>-<suffix>-machine would pass AAP's 512 characters; shortening it instead would give two
        // builds whose ids differ past the cut the same names, and one build's cleanup would remove the other's objects.
        var e = Assert.Throws<AapProvisioningException>(() => BuildIdentity.Create(new string('x', 600) + "-a", RunUuid, "golden"));

        Assert.Equal(BuildIdentity.TooLongErrorId, e.ErrorId);
        Assert.Equal(AapPacker.Models.AapProvisionExitCode.ConfigurationError, e.ExitCode);
        Assert.Contains(Fields.BuildId, e.Message, StringComparison.Ordinal);
        Assert.Contains("602 characters", e.Message, StringComparison.Ordinal);
        Assert.Contains("512", e.Message, StringComparison.Ordinal);
        Assert.Contains(Fields.BuildId, e.RecommendedAction, StringComparison.Ordinal);
        Assert.Throws<AapProvisioningException>(() => BuildIdentity.Create(new string('x', BuildIdentity.MaxBuildIdLength + 1), null, null));
    }

    [Fact]
    public void Given_packer_environment_values_too_long_when_creating_the_identity_then_the_error_names_the_variables()
    {
        var e = Assert.Throws<AapProvisioningException>(() => BuildIdentity.Create(null, RunUuid, new string('b', 480)));

        Assert.Equal(BuildIdentity.TooLongErrorId, e.ErrorId);
        Assert.Contains("AAPPACKER_RUN_ID", e.Message, StringComparison.Ordinal);
        Assert.Contains("AAPPACKER_BUILD", e.Message, StringComparison.Ordinal);
        Assert.Contains("AAPPACKER_BUILD", e.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_long_build_id_when_looking_up_then_it_is_still_shortened_to_match_what_earlier_versions_created()
    {
        Assert.Equal(BuildIdentity.MaxBuildIdLength, BuildIdentity.Sanitize(new string('x', 600)).Length);
    }

    [Fact]
    public void Given_a_description_marker_when_parsing_then_build_id_and_time_come_back()
    {
        var build = BuildIdentity.Create("nightly-42", null, null);
        var at = new DateTimeOffset(2026, 11, 24, 14, 30, 5, TimeSpan.FromHours(2));

        var description = BuildNaming.Description(build, at);

        Assert.Equal("Created by AapPacker for build nightly-42 at 2026-11-24T12:30:05Z", description);
        Assert.True(BuildNaming.TryParseDescription("Team notes. " + description, out var id, out var created));
        Assert.Equal("nightly-42", id);
        Assert.Equal(at, created);
    }

    [Theory]
    [InlineData("packer-base", "Golden image inventory")]
    [InlineData("prod-web", "Created by AapPacker for build x at 2026-11-24T12:30:05Z")]
    [InlineData("packer-x", "")]
    [InlineData(null, null)]
    public void Given_an_object_without_both_prefix_and_marker_when_checking_then_it_is_not_aappackers(string? name, string? description)
    {
        Assert.False(BuildNaming.IsAapPackerObject(name, description));
    }

    [Fact]
    public void Given_build_ids_when_matching_then_only_exact_ids_or_a_run_uuid_prefix_match()
    {
        Assert.True(BuildNaming.BuildIdMatches("web", "web"));
        Assert.False(BuildNaming.BuildIdMatches("web-2", "web"));
        Assert.True(BuildNaming.BuildIdMatches(RunUuid + "-golden", RunUuid));
        Assert.False(BuildNaming.BuildIdMatches(RunUuid + "-golden", "0f8e0a52"));
    }
}
