using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>
/// The one credential-inputs builder New-AapTempCredential and the lifecycle share: one precedence (a key given twice
/// is refused; file, else text, else Packer's; the given password, else Packer's), and the caller's own error when
/// there is nothing to log in with.
/// </summary>
public sealed class CredentialInputsBuilderTests : IDisposable
{
    private static readonly string GivenKey = SshPrivateKeyTests.OpenSshKey("none");
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "aappacker-builder-" + Guid.NewGuid().ToString("N"));

    public CredentialInputsBuilderTests() => File.WriteAllText(_keyFile, GivenKey);

    public void Dispose() => File.Delete(_keyFile);

    private static readonly PackerTarget Packer = new()
    {
        SshPrivateKey = SecretText.FromPlainText(LifecycleHarness.PrivateKeyPem),
        Password = SecretText.FromPlainText("packer-password"),
    };

    private static AapProvisioningException Missing() => AapProvisioningException.Configuration(ProvisioningErrorKind.CredentialSecretMissing, "none", "pass one");

    private static MachineCredentialInputs Build(ProvisioningCredential given, PackerTarget? packer = null)
        => CredentialInputsBuilder.Build(given, "ec2-user", packer, Missing);

    [Fact]
    public void Given_a_key_as_text_and_as_a_file_when_building_then_it_is_refused_for_both_cmdlets_alike()
    {
        var given = new ProvisioningCredential { SshPrivateKeyPath = _keyFile, SshPrivateKey = SecretText.FromPlainText(GivenKey) };

        var e = Assert.Throws<AapProvisioningException>(() => Build(given, Packer));

        Assert.Equal(ProvisioningErrorKind.SshKeyGivenTwice, e.Kind);
        Assert.Equal([EngineField.SshPrivateKey, EngineField.SshPrivateKeyPath], e.Fields);
    }

    [Fact]
    public void Given_a_key_file_and_packers_key_when_building_then_the_file_wins()
        => Assert.Equal(GivenKey.Trim(), Build(new ProvisioningCredential { SshPrivateKeyPath = _keyFile }, Packer).SshKey!.Text.Reveal().Trim());

    [Fact]
    public void Given_key_text_and_packers_key_when_building_then_the_text_wins()
        => Assert.Equal(GivenKey.Trim(), Build(new ProvisioningCredential { SshPrivateKey = SecretText.FromPlainText(GivenKey) }, Packer).SshKey!.Text.Reveal().Trim());

    [Fact]
    public void Given_no_key_when_packer_has_one_then_packers_key_and_password_are_used()
    {
        var inputs = Build(new ProvisioningCredential(), Packer);

        Assert.Equal(LifecycleHarness.PrivateKeyPem.Trim(), inputs.SshKey!.Text.Reveal().Trim());
        Assert.Equal("packer-password", inputs.Password!.Reveal());
    }

    [Fact]
    public void Given_an_empty_password_when_packer_has_one_then_packers_is_used_and_a_given_one_wins()
    {
        Assert.Equal("packer-password", Build(new ProvisioningCredential { Password = SecretText.FromPlainText("") }, Packer).Password!.Reveal());
        Assert.Equal("mine", Build(new ProvisioningCredential { Password = SecretText.FromPlainText("mine") }, Packer).Password!.Reveal());
    }

    [Fact]
    public void Given_nothing_to_log_in_with_when_building_then_the_callers_own_error_is_thrown()
    {
        var e = Assert.Throws<AapProvisioningException>(() => Build(new ProvisioningCredential { Password = SecretText.FromPlainText("") }));

        Assert.Equal(ProvisioningErrorKind.CredentialSecretMissing, e.Kind);
    }

    [Fact]
    public void Given_a_become_password_when_building_then_the_inputs_carry_the_user_and_sudo()
    {
        var inputs = Build(new ProvisioningCredential { Password = SecretText.FromPlainText("p"), BecomePassword = SecretText.FromPlainText("b") });

        Assert.Equal("ec2-user", inputs.UserName);
        Assert.Equal("sudo", inputs.BecomeMethod);
        Assert.Equal("password", inputs.Authentication);
    }
}
