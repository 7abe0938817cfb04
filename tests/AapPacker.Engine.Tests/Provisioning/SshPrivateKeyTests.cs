using System.Security.Cryptography;
using System.Text;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

public sealed class SshPrivateKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aappacker-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    /// <summary>An openssh-key-v1 blob with the given cipher (the checks read only the header).</summary>
    internal static string OpenSshKey(string cipher)
    {
        var blob = new List<byte>(Encoding.ASCII.GetBytes("openssh-key-v1\0"));
        void Str(string s)
        {
            var bytes = Encoding.ASCII.GetBytes(s);
            blob.AddRange([(byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length]);
            blob.AddRange(bytes);
        }

        Str(cipher);
        Str(cipher == "none" ? "none" : "bcrypt");
        Str("");
        blob.AddRange(new byte[64]);
        var body = Convert.ToBase64String(blob.ToArray(), Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n");
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }

    private string File(string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Given_an_unencrypted_openssh_key_file_when_reading_then_it_is_accepted_and_normalised()
    {
        var key = SshPrivateKey.FromFile(File(OpenSshKey("none").Replace("\n", "\r\n")));

        Assert.Equal("OPENSSH", key.Format);
        Assert.False(key.IsEncrypted);
        Assert.EndsWith("-----END OPENSSH PRIVATE KEY-----\n", key.Text.Reveal());
        Assert.DoesNotContain("\r", key.Text.Reveal());
    }

    [Fact]
    public void Given_an_encrypted_openssh_key_without_passphrase_when_checking_then_the_error_says_to_pass_one()
    {
        var key = SshPrivateKey.Parse(SecretText.FromPlainText(OpenSshKey("aes256-ctr")));

        Assert.True(key.IsEncrypted);
        var e = Assert.Throws<AapProvisioningException>(() => key.CheckPassphrase(null));
        Assert.Equal("EncryptedSshKeyWithoutPassphrase", e.ErrorId);
        Assert.Contains(Fields.SshKeyPassphrase, e.RecommendedAction);
        key.CheckPassphrase(SecretText.FromPlainText("pass"));
    }

    [Fact]
    public void Given_a_passphrase_for_an_unencrypted_key_when_checking_then_it_is_refused_as_aap_would()
    {
        var key = SshPrivateKey.Parse(SecretText.FromPlainText(OpenSshKey("none")));

        Assert.Equal("PassphraseForUnencryptedSshKey", Assert.Throws<AapProvisioningException>(() => key.CheckPassphrase(SecretText.FromPlainText("x"))).ErrorId);
    }

    [Fact]
    public void Given_pem_keys_when_parsing_then_encryption_is_detected_per_format()
    {
        using var rsa = RSA.Create(2048);
        Assert.False(SshPrivateKey.Parse(SecretText.FromPlainText(rsa.ExportRSAPrivateKeyPem())).IsEncrypted);
        Assert.False(SshPrivateKey.Parse(SecretText.FromPlainText(rsa.ExportPkcs8PrivateKeyPem())).IsEncrypted);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));
        Assert.True(SshPrivateKey.Parse(SecretText.FromPlainText(encrypted)).IsEncrypted);
        var legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        Assert.True(SshPrivateKey.Parse(SecretText.FromPlainText(legacy)).IsEncrypted);
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host", "public key")]
    [InlineData("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n", "PuTTY")]
    [InlineData("just some text", "not a PEM or OpenSSH private key")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a PEM or OpenSSH private key")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!notbase64!!!\n-----END OPENSSH PRIVATE KEY-----\n", "damaged")]
    public void Given_something_that_is_not_a_usable_private_key_when_parsing_then_the_error_says_what_it_is(string text, string expected)
    {
        var e = Assert.Throws<AapProvisioningException>(() => SshPrivateKey.Parse(SecretText.FromPlainText(text)));

        Assert.Equal(AapProvisionExitCode.ConfigurationError, e.ExitCode);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("AAAAC3Nza", e.Message);
    }

    [Fact]
    public void Given_a_missing_key_file_when_reading_then_the_error_names_the_path()
    {
        var e = Assert.Throws<AapProvisioningException>(() => SshPrivateKey.FromFile(Path.Combine(_directory, "nope")));

        Assert.Equal("SshKeyFileNotFound", e.ErrorId);
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Given_credential_inputs_when_building_the_request_then_secrets_appear_only_in_the_body()
    {
        var inputs = new MachineCredentialInputs
        {
            UserName = "ec2-user",
            SshKey = SshPrivateKey.Parse(SecretText.FromPlainText(OpenSshKey("none"))),
            BecomePassword = SecretText.FromPlainText("b3come!"),
        };

        inputs.Validate();
        var body = CredentialsResource.MachineInputs(inputs.ToRequestValues());

        Assert.Equal("ec2-user", body["username"]);
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", body["ssh_key_data"]);
        Assert.Equal("b3come!", body["become_password"]);
        Assert.Equal("sudo", body["become_method"]);
        Assert.DoesNotContain("b3come!", inputs.ToString());
        Assert.DoesNotContain("OPENSSH PRIVATE", inputs.ToString());
        Assert.Equal("ssh-key", inputs.Authentication);
    }

    [Fact]
    public void Given_the_literal_ASK_as_a_password_when_validating_then_it_is_refused()
    {
        var inputs = new MachineCredentialInputs { Password = SecretText.FromPlainText("ASK") };

        Assert.Equal("AskPasswordNotSupported", Assert.Throws<AapProvisioningException>(inputs.Validate).ErrorId);
    }
}

public class CredentialRedactionTests
{
    [Fact]
    public void Given_aap_echoing_the_start_of_a_key_when_redacting_then_no_part_of_any_secret_remains()
    {
        var key = SshPrivateKeyTests.OpenSshKey("none");
        var inputs = new MachineCredentialInputs
        {
            UserName = "ec2-user",
            SshKey = SshPrivateKey.Parse(SecretText.FromPlainText(key)),
            Password = SecretText.FromPlainText("pa55word-xyz"),
        };
        var echoed = "inputs.ssh_key_data: Invalid certificate or key: " + key[..100] + "...; password pa55word-xyz";

        var redacted = TemporaryResources.RedactSecrets(echoed, inputs);

        Assert.DoesNotContain("BEGIN OPENSSH", redacted);
        Assert.DoesNotContain(key.Split('\n')[1][..20], redacted);
        Assert.DoesNotContain("pa55word", redacted);
        Assert.Contains("Invalid certificate or key", redacted);
    }
}
