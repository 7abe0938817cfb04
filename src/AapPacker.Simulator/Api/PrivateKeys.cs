using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace AapPacker.Simulator.Api;

/// <summary>
/// AWX's SSH private key rule for <c>ssh_key_data</c>: the text must be nothing but PEM blocks, at least one of
/// them a private key of a known type (RSA, DSA, EC, OPENSSH, plain or ENCRYPTED PRIVATE KEY), certificates
/// allowed. Encrypted means: PEM data containing <c>ENCRYPTED</c> (e.g. <c>Proc-Type: 4,ENCRYPTED</c>), an
/// <c>ENCRYPTED PRIVATE KEY</c> block, or an OpenSSH key whose cipher name is not <c>none</c>.
/// </summary>
internal static partial class PrivateKeys
{
    private static readonly HashSet<string> KeyTypes = new(StringComparer.Ordinal) { "RSA", "DSA", "EC", "OPENSSH", "" };

    [GeneratedRegex(@"^(-{4,}) *BEGIN ([A-Z ]+?) *\1\s*(.+?)\s*\1 *END \2 *\1(.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PemObject();

    /// <summary>Returns null when valid, else AWX's message.</summary>
    public static string? Validate(string data, out bool encrypted)
    {
        encrypted = false;
        var keys = 0;
        var rest = data.TrimStart();
        while (rest.Length > 0)
        {
            var m = PemObject().Match(rest);
            if (!m.Success)
            {
                return $"Invalid certificate or key: {(rest.Length > 100 ? rest[..100] : rest)}...";
            }
            rest = m.Groups[4].Value.TrimStart();
            var type = m.Groups[2].Value;
            var inner = m.Groups[3].Value;
            string? keyType = null;
            if (type.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                keys++;
                keyType = type.Replace("ENCRYPTED PRIVATE KEY", "", StringComparison.Ordinal).Replace("PRIVATE KEY", "", StringComparison.Ordinal).Trim();
                if (!KeyTypes.Contains(keyType))
                {
                    return $"Invalid private key: unsupported type \"{keyType}\"";
                }
            }
            else if (type != "CERTIFICATE")
            {
                return $"Unsupported PEM object type: \"{type}\"";
            }
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(Base64Body(inner));
            }
            catch (FormatException)
            {
                return "Invalid base64-encoded data";
            }
            if (bytes.Length == 0)
            {
                return "Invalid base64-encoded data";
            }
            if (keyType == "OPENSSH")
            {
                encrypted |= OpenSshCipher(bytes) != "none";
            }
            else if (type == "ENCRYPTED PRIVATE KEY" || (keyType is not null && inner.Contains("ENCRYPTED", StringComparison.Ordinal)))
            {
                encrypted = true;
            }
        }
        return keys >= 1 ? null : "At least one private key is required.";
    }

    /// <summary>The base64 lines of a PEM body, without RFC 1421 headers (and their continuation lines).</summary>
    private static string Base64Body(string inner)
    {
        var body = new StringBuilder();
        var continues = false;
        foreach (var raw in inner.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (continues || line.Contains(':', StringComparison.Ordinal))
            {
                continues = line.EndsWith('\\');
                continue;
            }
            body.Append(line);
        }
        return body.ToString();
    }

    /// <summary>The cipher name of an <c>openssh-key-v1</c> blob, or null if it is not one.</summary>
    private static string? OpenSshCipher(byte[] blob)
    {
        var magic = "openssh-key-v1\0"u8;
        if (blob.Length < magic.Length + 4 || !blob.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            return null;
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(magic.Length, 4));
        if (length == 0 || length > 64 || magic.Length + 4 + length > blob.Length)
        {
            return null;
        }
        return Encoding.ASCII.GetString(blob, magic.Length + 4, (int)length);
    }
}
