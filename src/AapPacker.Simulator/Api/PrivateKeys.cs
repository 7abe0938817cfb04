using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace AapPacker.Simulator.Api;

/// <summary>
/// Enough of AWX's <c>validate_ssh_private_key</c>: the data must hold exactly one PEM or OpenSSH private key
/// (plus optional certificates); tells whether the key is encrypted (PEM <c>Proc-Type: 4,ENCRYPTED</c> or
/// <c>ENCRYPTED PRIVATE KEY</c>; OpenSSH: the cipher name in the key header is not <c>none</c>).
/// </summary>
internal static partial class PrivateKeys
{
    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]+)-----\s*(.*?)-----END \1-----", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PemBlock();

    /// <summary>Returns null when valid, else AWX's message.</summary>
    public static string? Validate(string data, out bool encrypted)
    {
        encrypted = false;
        var keys = 0;
        foreach (Match m in PemBlock().Matches(data))
        {
            var type = m.Groups[1].Value;
            var (headers, body) = SplitHeaders(m.Groups[2].Value);
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(body);
            }
            catch (FormatException)
            {
                return Invalid(data);
            }
            if (type.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                keys++;
                if (type == "ENCRYPTED PRIVATE KEY" || headers.Contains("ENCRYPTED", StringComparison.Ordinal))
                {
                    encrypted = true;
                }
                else if (type == "OPENSSH PRIVATE KEY")
                {
                    var cipher = OpenSshCipher(bytes);
                    if (cipher is null)
                    {
                        return Invalid(data);
                    }
                    encrypted = cipher != "none";
                }
            }
            else if (type != "CERTIFICATE")
            {
                return $"Invalid private key: unsupported type \"{type}\"";
            }
        }
        return keys == 1 ? null : Invalid(data);
    }

    private static string Invalid(string data) => $"Invalid certificate or key: {(data.Length > 100 ? data[..100] : data)}...";

    private static (string Headers, string Body) SplitHeaders(string block)
    {
        var headers = new StringBuilder();
        var body = new StringBuilder();
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Contains(':', StringComparison.Ordinal))
            {
                headers.Append(line).Append('\n');
            }
            else
            {
                body.Append(line);
            }
        }
        return (headers.ToString(), body.ToString());
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
