using System;
using System.Text.RegularExpressions;

namespace AapPacker.Infrastructure;

/// <summary>
/// Masks anything that looks like a credential in text bound for a stream or an error message. The engine
/// already avoids logging secrets; this catches the ones a server echoes or a future log line lets slip.
/// </summary>
internal static class Redactor
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    // Authorization schemes followed by something credential-shaped ("Bearer sim-admin-token",
    // "Basic YWRtaW46cGFzcw=="): a run with a digit or punctuation, so "Basic authentication" stays readable.
    private static readonly Regex AuthorizationValue = new Regex(
        @"\b(Bearer|Basic)\s+(?=[A-Za-z]*[0-9._~+/=\-])[A-Za-z0-9._~+/=\-]{6,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    // Every word the two patterns below need: a text without any of them cannot match.
    private static readonly string[] AuthorizationWords = { "bearer", "basic" };
    private static readonly string[] SecretWords = { "pass", "token", "secret", "key" };

    // JSON or key=value pairs whose key names a secret: "password": "x", token=x, ssh_key_data: '...'. A key starts
    // where a run of letters starts (the lookbehind): trying every position inside a long run is quadratic.
    private static readonly Regex SecretField = new Regex(
        @"(?<key>(?<![A-Za-z_])""?[A-Za-z_]*(password|passwd|token|secret|ssh_key_data|ssh_key_unlock|private_key)[A-Za-z_]*""?\s*[:=]\s*)(?<value>""(?:[^""\\]|\\.)*""|'[^']*'|[^\s,;}&]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>Returns <paramref name="text"/> with credentials masked; never throws.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        try
        {
            // The regexes only run on text holding one of their words: job output streams every line through
            // here, and most lines have none.
            var masked = ContainsAny(text!, AuthorizationWords)
                ? AuthorizationValue.Replace(text!, m => m.Groups[1].Value + " " + Mask)
                : text!;
            return ContainsAny(masked, SecretWords)
                ? SecretField.Replace(masked, m => IsSettingName(m.Groups["value"].Value) ? m.Value : m.Groups["key"].Value + Mask)
                : masked;
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: better to say nothing than to risk printing it.
            return "[message withheld: it could not be checked for secrets]";
        }
    }

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
        {
#pragma warning disable CA2249 // string.Contains(string, StringComparison) is missing on .NET Framework 4.7.2.
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
#pragma warning restore CA2249
            {
                return true;
            }
        }

        return false;
    }

    // "Token=AAP_TOKEN" says where a setting came from, not what it is: keep it.
    private static bool IsSettingName(string value)
        => SettingName.IsMatch(value);

    private static readonly Regex SettingName = new Regex(
        @"^(AAP|CONTROLLER|TOWER|GATEWAY)_[A-Z_]+$|^-[A-Za-z]+$|^parameter$",
        RegexOptions.CultureInvariant, MatchTimeout);
}
