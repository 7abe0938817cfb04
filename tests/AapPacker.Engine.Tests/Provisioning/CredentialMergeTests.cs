using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

public class CredentialMergeTests
{
    private const int Machine = 7, Vault = 9, Aws = 12;

    [Fact]
    public void Given_template_machine_and_vault_defaults_when_merging_ours_then_machine_is_replaced_and_vault_kept()
    {
        var merged = CredentialMerge.Merge(
            [new LaunchCredential(3, Machine, name: "Template key"), new LaunchCredential(4, Vault, "prod")],
            [new LaunchCredential(57, Machine)]);

        Assert.Equal(new[] { 4, 57 }, merged);
    }

    [Fact]
    public void Given_vaults_with_different_ids_when_merging_then_each_vault_id_is_its_own_slot()
    {
        var merged = CredentialMerge.Merge(
            [new LaunchCredential(4, Vault, "prod"), new LaunchCredential(5, Vault, "dev")],
            [new LaunchCredential(8, Vault, "dev")]);

        Assert.Equal(new[] { 4, 8 }, merged);
    }

    [Fact]
    public void Given_no_template_credentials_when_merging_then_ours_are_sent_alone()
    {
        Assert.Equal(new[] { 57, 60 }, CredentialMerge.Merge([], [new LaunchCredential(57, Machine), new LaunchCredential(60, Aws)]));
    }

    [Fact]
    public void Given_two_of_ours_with_the_same_type_when_merging_then_it_is_refused_like_aap_would()
    {
        var e = Assert.Throws<AapProvisioningException>(() => CredentialMerge.Merge([], [new LaunchCredential(57, Machine), new LaunchCredential(58, Machine)]));

        Assert.Equal("DuplicateCredentialType", e.ErrorId);
    }

    [Fact]
    public void Given_one_of_ours_already_on_the_template_when_merging_then_it_appears_once()
    {
        Assert.Equal(new[] { 4 }, CredentialMerge.Merge([new LaunchCredential(4, Vault, "prod")], [new LaunchCredential(4, Vault, "prod")]));
    }
}
