using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// A private key checked before anything is created, with AAP's own rules (aap-api.md §5.2): it must be PEM or
/// OpenSSH private key text; an encrypted key needs a passphrase; a passphrase for an unencrypted key is refused.
/// Errors never quote the key.
/// </summary>
internal sealed class SshPrivateKey
{
    private static readonly Regex Block = new Regex(
        @"-----BEGIN (?<label>[A-Z0-9 ]+)-----(?<body>.*?)-----END \k<label>-----", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private SshPrivateKey(SecretText text, string format, bool encrypted)
    {
        Text = text;
        Format = format;
        IsEncrypted = encrypted;
    }

    /// <summary>The key text, normalised to LF line endings with a final newline (ssh refuses a key without it).</summary>
    public SecretText Text { get; }

    /// <summary>The format, e.g. <c>OPENSSH</c>, <c>RSA</c>, <c>EC</c>, <c>PKCS8</c>.</summary>
    public string Format { get; }

    /// <summary>True when the key is protected by a passphrase.</summary>
    public bool IsEncrypted { get; }

    /// <summary>Reads and checks a key file.</summary>
    public static SshPrivateKey FromFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SshKeyFileNotFound, "No SSH private key path was given.", $"Pass {Fields.SshPrivateKeyPath} with the key file's path.");
        }

        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.SshKeyFileNotFound,
                    $"The SSH private key file '{path}' does not exist.", $"Check {Fields.SshPrivateKeyPath}.");
            }

            if (info.Length > 64 * 1024)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidSshKey,
                    $"The file '{path}' is {info.Length} bytes, too large to be an SSH private key.", $"Check {Fields.SshPrivateKeyPath} points at the private key.");
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException || e is NotSupportedException || e is ArgumentException)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SshKeyFileUnreadable,
                $"The SSH private key file '{path}' cannot be read: {e.GetType().Name}.", "Check the path and that this user may read it.", e);
        }

        return Parse(SecretText.FromPlainText(text), $"the file '{path}'");
    }

    /// <summary>Checks key text (from <c>-SshPrivateKey</c> or Packer's <c>AAPPACKER_SSHKEY_B64</c>).</summary>
    public static SshPrivateKey Parse(SecretText key, string source = "the SSH private key")
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var text = key.Reveal().Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        if (text.StartsWith("PuTTY-User-Key-File", StringComparison.Ordinal))
        {
            throw Invalid(source, "is a PuTTY .ppk key", "Convert it with 'puttygen key.ppk -O private-openssh -o key.pem' and use that file.");
        }

        if (text.StartsWith("ssh-", StringComparison.Ordinal) || text.StartsWith("ecdsa-", StringComparison.Ordinal)
            || text.IndexOf("PUBLIC KEY-----", StringComparison.Ordinal) >= 0)
        {
            throw Invalid(source, "is a public key, not a private key", "Pass the private key (the file without .pub).");
        }

        var match = Block.Match(text);
        if (!match.Success || !match.Groups["label"].Value.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw Invalid(source, "is not a PEM or OpenSSH private key (no '-----BEGIN … PRIVATE KEY-----' block)", "Pass an OpenSSH or PEM private key, e.g. one made by ssh-keygen.");
        }

        var label = match.Groups["label"].Value;
        var body = match.Groups["body"].Value;
        bool encrypted;
        string format;
        switch (label)
        {
            case "OPENSSH PRIVATE KEY":
                format = "OPENSSH";
                encrypted = OpenSshIsEncrypted(body, source);
                break;
            case "ENCRYPTED PRIVATE KEY":
                format = "PKCS8";
                encrypted = true;
                break;
            case "PRIVATE KEY":
                format = "PKCS8";
                encrypted = false;
                CheckBase64(body, source);
                break;
            case "RSA PRIVATE KEY":
            case "DSA PRIVATE KEY":
            case "EC PRIVATE KEY":
                format = label.Substring(0, label.IndexOf(' '));
                encrypted = body.IndexOf("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal) >= 0;
                if (!encrypted)
                {
                    CheckBase64(body, source);
                }

                break;
            default:
                throw Invalid(source, $"is a '{label}' block, which AAP does not accept as an SSH key", "Pass an OpenSSH, RSA, EC, DSA or PKCS#8 private key.");
        }

        return new SshPrivateKey(SecretText.FromPlainText(match.Value + "\n"), format, encrypted);
    }

    /// <summary>Applies AAP's passphrase rules; throws with the fix when they are broken.</summary>
    public void CheckPassphrase(SecretText? passphrase)
    {
        var given = passphrase != null && !passphrase.IsEmpty;
        if (IsEncrypted && !given)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.EncryptedSshKeyWithoutPassphrase,
                "The SSH private key is encrypted, but no passphrase was given (AAP: 'must be set when SSH key is encrypted').",
                $"Pass {Fields.SshKeyPassphrase}, or use an unencrypted key made for the build.");
        }

        if (!IsEncrypted && given)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.PassphraseForUnencryptedSshKey,
                "A passphrase was given, but the SSH private key is not encrypted (AAP: 'should not be set when SSH key is not encrypted').",
                $"Remove {Fields.SshKeyPassphrase}.");
        }
    }

    private static bool OpenSshIsEncrypted(string body, string source)
    {
        var bytes = CheckBase64(body, source);
        var magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");
        if (bytes.Length < magic.Length + 4)
        {
            throw Invalid(source, "is a truncated OpenSSH key", "Pass the whole key file.");
        }

        for (var i = 0; i < magic.Length; i++)
        {
            if (bytes[i] != magic[i])
            {
                throw Invalid(source, "is not a valid OpenSSH key (bad header)", "Pass the key made by ssh-keygen unchanged.");
            }
        }

        var offset = magic.Length;
        var length = (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
        offset += 4;
        if (length <= 0 || offset + length > bytes.Length)
        {
            throw Invalid(source, "is a truncated OpenSSH key", "Pass the whole key file.");
        }

        var cipher = Encoding.ASCII.GetString(bytes, offset, length);
        return !string.Equals(cipher, "none", StringComparison.Ordinal);
    }

    private static byte[] CheckBase64(string body, string source)
    {
        var builder = new StringBuilder(body.Length);
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.IndexOf(':') >= 0)
            {
                continue; // PEM headers such as Proc-Type
            }

            builder.Append(trimmed);
        }

        try
        {
            var bytes = Convert.FromBase64String(builder.ToString());
            if (bytes.Length == 0)
            {
                throw Invalid(source, "has an empty key block", "Pass the whole key file.");
            }

            return bytes;
        }
        catch (FormatException)
        {
            throw Invalid(source, "has a damaged key block (not base64)", "Pass the key file unchanged (no re-wrapping or quoting).");
        }
    }

    private static AapProvisioningException Invalid(string source, string what, string action)
        => AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidSshKey, $"{Capital(source)} {what}.", action);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <inheritdoc />
    public override string ToString() => $"{Format} private key{(IsEncrypted ? " (encrypted)" : "")}";
}
