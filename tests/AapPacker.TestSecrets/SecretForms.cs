using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace AapPacker.TestSecrets;

/// <summary>
/// Expands a secret into the forms a leak could take: the whole value, each line of a multi-line value (a key
/// printed line by line), base64 (Packer's <c>base64encode</c>, and the part of it that survives inside a longer
/// base64 text such as a Basic header), base64 of UTF-16 (pwsh <c>-EncodedCommand</c>), JSON-escaped and URL-encoded.
/// </summary>
public static class SecretForms
{
    /// <summary>Shorter fragments would match ordinary text; the whole value is always checked.</summary>
    public const int MinimumFragmentLength = 12;

    /// <summary>All distinct forms of <paramref name="secret"/>, the whole value first.</summary>
    public static IReadOnlyList<SecretForm> Of(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("A secret to scan for cannot be empty.", nameof(secret));
        }

        var forms = new List<SecretForm> { new("whole", secret) };

        var utf8 = Encoding.UTF8.GetBytes(secret);
        forms.Add(new("base64 (Packer base64encode)", Convert.ToBase64String(utf8)));
        for (var offset = 0; offset <= 2; offset++)
        {
            forms.Add(new($"base64 inside longer base64 (byte offset {offset} mod 3)", EmbeddedBase64(utf8, offset)));
        }

        var utf16 = Encoding.Unicode.GetBytes(secret);
        for (var offset = 0; offset <= 2; offset++)
        {
            forms.Add(new($"base64 of UTF-16 (pwsh -EncodedCommand, byte offset {offset} mod 3)", EmbeddedBase64(utf16, offset)));
        }

        forms.Add(new("JSON-escaped", JsonEscape(secret, escapeHtml: false)));
        forms.Add(new("JSON-escaped (System.Text.Json default)", JsonEscape(secret, escapeHtml: true)));
        forms.Add(new("URL-encoded", Uri.EscapeDataString(secret)));
        forms.Add(new("form-encoded", WebUtility.UrlEncode(secret)));

        // Fragments last, so a hit is named by the most specific form that explains it.
        var lines = secret.Replace("\r\n", "\n").Split('\n');
        if (lines.Length > 1)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                // PEM armour lines are the same in every key: public, not part of the secret.
                if (line.Length >= MinimumFragmentLength && !line.StartsWith("-----", StringComparison.Ordinal))
                {
                    forms.Add(new($"line {i + 1}", line));
                }
            }
        }

        return forms
            .Where(f => f.Text.Length >= Math.Min(MinimumFragmentLength, secret.Length))
            .GroupBy(f => f.Text, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToArray();
    }

    /// <summary>
    /// The base64 characters fixed by the secret's bytes alone when <paramref name="offset"/> bytes precede it
    /// (mod 3): what shows of the secret inside any longer base64 text, whatever comes before or after it.
    /// </summary>
    private static string EmbeddedBase64(byte[] bytes, int offset)
    {
        var padded = new byte[offset + bytes.Length];
        Array.Copy(bytes, 0, padded, offset, bytes.Length);
        var encoded = Convert.ToBase64String(padded);
        // Each base64 char holds 6 bits; skip chars that mix in the preceding bytes, and the trailing group.
        var first = (offset * 8 + 5) / 6;
        var last = (padded.Length * 8) / 6; // chars fully inside the data
        return last > first ? encoded.Substring(first, last - first) : "";
    }

    private static string JsonEscape(string value, bool escapeHtml)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    var html = escapeHtml && (c == '+' || c == '<' || c == '>' || c == '&' || c == '\'' || c == '`');
                    if (c < 0x20 || c > 0x7E || html)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
