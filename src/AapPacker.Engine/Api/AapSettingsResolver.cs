using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace AapPacker.Engine.Api;

/// <summary>
/// Resolves connection settings: explicit parameters, then <c>AAP_*</c>, then <c>CONTROLLER_*</c>, then <c>TOWER_*</c>
/// (see shared packer-and-ci.md §5). Empty values are ignored (unlike Ansible's <c>env_fallback</c>);
/// disagreeing variables warn; a token beats Basic. Secret values are never put in a warning or source.
/// </summary>
internal static class AapSettingsResolver
{
    // Each setting's variables, most preferred first: AAP_*, then CONTROLLER_* (and awxkit's), then TOWER_*.
    private static readonly string[] UriVariables = { "AAP_HOSTNAME", "AAP_HOST", "CONTROLLER_HOST", "TOWER_HOST" };

    /// <summary>The variables that name the AAP server, in precedence order.</summary>
    public static IReadOnlyList<string> UriVariableNames => UriVariables;
    internal static readonly string[] TokenVariables = { "AAP_TOKEN", "CONTROLLER_OAUTH_TOKEN", "CONTROLLER_TOKEN", "TOWER_OAUTH_TOKEN", "TOWER_TOKEN" };
    private static readonly string[] UserVariables = { "AAP_USERNAME", "CONTROLLER_USERNAME", "TOWER_USERNAME" };
    internal static readonly string[] PasswordVariables = { "AAP_PASSWORD", "CONTROLLER_PASSWORD", "TOWER_PASSWORD" };
    private static readonly string[] TimeoutVariables = { "AAP_REQUEST_TIMEOUT", "AAP_TIMEOUT", "CONTROLLER_REQUEST_TIMEOUT" };
    private static readonly string[] PrefixVariables = { "CONTROLLER_OPTIONAL_API_URLPATTERN_PREFIX", "AWXKIT_API_BASE_PATH" };
    private static readonly string[] VerifyVariables = { "CONTROLLER_VERIFY_SSL", "TOWER_VERIFY_SSL" };

    private static readonly string[] TowerVariables = { "TOWER_HOST", "TOWER_OAUTH_TOKEN", "TOWER_TOKEN", "TOWER_USERNAME", "TOWER_PASSWORD", "TOWER_VERIFY_SSL" };

    /// <summary>The variables that may hold an AAP token or password.</summary>
    internal static IEnumerable<string> SecretVariables => TokenVariables.Concat(PasswordVariables);

    /// <summary>Resolve. Throws <see cref="AapConfigurationException"/> when no server URI can be found or values contradict.</summary>
    public static AapSettingsResolution Resolve(AapSettingsInput input, IDictionary<string, string?> environment)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        var env = new EnvironmentReader(environment ?? new Dictionary<string, string?>());
        var result = new AapSettingsResolution();
        var options = result.Options;

        WarnAboutTower(env, result);
        options.BaseUri = ResolveUri(input, env, result);
        ResolveCredentials(input, env, result);
        ResolveCertificateCheck(input, env, result);
        ResolveTimeout(input, env, result);

        var prefix = Pick(input.ApiPrefix, "ApiPrefix", PrefixVariables, env, result, secret: false);
        options.ApiPrefixOverride = prefix;
        ResolveApiRootCache(env, result);

        if (!string.IsNullOrWhiteSpace(input.CertificateAuthorityPath))
        {
            options.CertificateAuthorityPath = input.CertificateAuthorityPath!.Trim();
            result.Sources.Add("CertificateAuthorityPath=parameter");
        }

        if (input.AllowUnencryptedAuthentication == true)
        {
            options.AllowUnencryptedAuthentication = true;
            result.Sources.Add("AllowUnencryptedAuthentication=parameter");
        }

        return result;
    }

    private static void ResolveApiRootCache(EnvironmentReader env, AapSettingsResolution result)
    {
        if (ApiRootCache.IsDisabledBy(env.Get(ApiRootCache.DisableVariable)))
        {
            result.Sources.Add("ApiRootCache=off (" + ApiRootCache.DisableVariable + ")");
            return;
        }

        result.Options.ApiRootCacheFile = ApiRootCache.DefaultFile();
    }

    private static Uri ResolveUri(AapSettingsInput input, EnvironmentReader env, AapSettingsResolution result)
    {
        var value = Pick(input.Uri, "Uri", UriVariables, env, result, secret: false);
        if (value is null)
        {
            throw new AapConfigurationException(
                "No AAP server given: pass -Uri, or set AAP_HOSTNAME (CONTROLLER_HOST is also read).", "Uri",
                "Pass -Uri https://aap.example.com or set AAP_HOSTNAME.");
        }

        var text = value.Contains("://") ? value : "https://" + value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.Host))
        {
            var source = result.Sources.Last().Substring("Uri=".Length);
            throw new AapConfigurationException(
                "The server URI '" + value + "' (from " + source + ") is not a valid http or https URI.", source,
                "Give the server root, e.g. https://aap.example.com.");
        }

        return uri;
    }

    private static void ResolveCredentials(AapSettingsInput input, EnvironmentReader env, AapSettingsResolution result)
    {
        var options = result.Options;
        var explicitToken = input.Token != null && input.Token.Length > 0;
        var explicitUser = !string.IsNullOrWhiteSpace(input.UserName);
        if (explicitToken || explicitUser)
        {
            // Explicit credentials replace the environment's entirely: mixing a parameter user with an
            // environment password would be a surprise.
            if (explicitToken)
            {
                options.Token = input.Token;
                result.Sources.Add("Token=parameter");
                if (explicitUser)
                {
                    result.Warnings.Add("Both a token and a user name were given; the token is used and the user name and password are ignored.");
                }
            }
            else
            {
                options.UserName = input.UserName!.Trim();
                options.Password = input.Password;
                result.Sources.Add("Credential=parameter");
            }

            return;
        }

        var token = Pick(null, "Token", TokenVariables, env, result, secret: true);
        var user = Pick(null, "UserName", UserVariables, env, result, secret: false);
        var password = Pick(null, "Password", PasswordVariables, env, result, secret: true);
        if (token != null)
        {
            options.Token = ToSecureString(token);
            if (user != null || password != null)
            {
                result.Warnings.Add("Both a token (" + Source(result, "Token") + ") and a user name or password (" +
                    string.Join(", ", new[] { Source(result, "UserName"), Source(result, "Password") }.Where(s => s.Length > 0)) +
                    ") are set; the token is used and the user name and password are ignored.");
            }

            return;
        }

        if (user != null)
        {
            options.UserName = user;
            options.Password = password is null ? null : ToSecureString(password);
            if (password is null)
            {
                result.Warnings.Add(Source(result, "UserName") + " is set without a password (AAP_PASSWORD); the request will likely be refused.");
            }
        }
        else if (password != null)
        {
            result.Warnings.Add(Source(result, "Password") + " is set without a user name (AAP_USERNAME); it is ignored.");
        }
    }

    private static void ResolveCertificateCheck(AapSettingsInput input, EnvironmentReader env, AapSettingsResolution result)
    {
        var options = result.Options;
        if (input.SkipCertificateCheck.HasValue)
        {
            options.SkipCertificateCheck = input.SkipCertificateCheck.Value;
            result.Sources.Add("SkipCertificateCheck=parameter");
            return;
        }

        // AAP_* carries two variables with opposite meanings; they must agree.
        var validate = env.Bool("AAP_VALIDATE_CERTS");
        var insecure = env.Bool("AAP_INSECURE_SKIP_VERIFY");
        bool? skip = null;
        string? source = null;
        if (validate.HasValue && insecure.HasValue && validate.Value == insecure.Value)
        {
            throw new AapConfigurationException(
                "AAP_VALIDATE_CERTS and AAP_INSECURE_SKIP_VERIFY contradict each other (one turns certificate checks on, the other off).",
                "AAP_VALIDATE_CERTS", "Set only one of them.");
        }

        if (validate.HasValue)
        {
            skip = !validate.Value;
            source = "AAP_VALIDATE_CERTS";
        }
        else if (insecure.HasValue)
        {
            skip = insecure.Value;
            source = "AAP_INSECURE_SKIP_VERIFY";
        }

        foreach (var name in VerifyVariables)
        {
            var verify = env.Bool(name);
            if (!verify.HasValue)
            {
                continue;
            }

            if (skip is null)
            {
                skip = !verify.Value;
                source = name;
            }
            else if (skip.Value == verify.Value)
            {
                result.Warnings.Add(source + " and " + name + " disagree about certificate checks; " + source + " is used.");
            }
        }

        if (skip.HasValue)
        {
            options.SkipCertificateCheck = skip.Value;
            result.Sources.Add("SkipCertificateCheck=" + source);
            if (skip.Value)
            {
                result.Warnings.Add("Certificate validation is turned off by " + source + "; the server's identity is not checked.");
            }
        }
    }

    private static void ResolveTimeout(AapSettingsInput input, EnvironmentReader env, AapSettingsResolution result)
    {
        if (input.RequestTimeout.HasValue)
        {
            if (input.RequestTimeout.Value <= TimeSpan.Zero)
            {
                throw new AapConfigurationException("The request timeout must be positive.", "RequestTimeout");
            }

            result.Options.RequestTimeout = input.RequestTimeout.Value;
            result.Sources.Add("RequestTimeout=parameter");
            return;
        }

        var value = Pick(null, "RequestTimeout", TimeoutVariables, env, result, secret: false);
        if (value is null)
        {
            return;
        }

        var source = Source(result, "RequestTimeout");
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > int.MaxValue / 1000.0)
        {
            throw new AapConfigurationException(
                source + " must be a positive number of seconds, not '" + value + "'.", source, "Set it to e.g. 30.");
        }

        result.Options.RequestTimeout = TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// The explicit value, else the first non-empty variable; records the source, and warns when a later
    /// variable holds a different non-empty value (naming the variables, quoting values only when not secret).
    /// </summary>
    private static string? Pick(string? explicitValue, string setting, string[] variables, EnvironmentReader env, AapSettingsResolution result, bool secret)
    {
        if (!string.IsNullOrWhiteSpace(explicitValue))
        {
            result.Sources.Add(setting + "=parameter");
            return explicitValue!.Trim();
        }

        string? chosen = null;
        string? chosenFrom = null;
        foreach (var name in variables)
        {
            var value = env.Get(name);
            if (value is null)
            {
                continue;
            }

            if (chosen is null)
            {
                chosen = value;
                chosenFrom = name;
            }
            else if (!string.Equals(chosen, value, StringComparison.Ordinal))
            {
                result.Warnings.Add(secret
                    ? chosenFrom + " and " + name + " hold different values; " + chosenFrom + " is used."
                    : chosenFrom + " ('" + chosen + "') and " + name + " ('" + value + "') disagree; " + chosenFrom + " is used.");
            }
        }

        if (chosenFrom != null)
        {
            result.Sources.Add(setting + "=" + chosenFrom);
        }

        return chosen;
    }

    private static void WarnAboutTower(EnvironmentReader env, AapSettingsResolution result)
    {
        var tower = TowerVariables
            .Where(name => env.Get(name) != null)
            .ToList();
        if (tower.Count > 0)
        {
            result.Warnings.Add("The TOWER_* _variables are deprecated (" + string.Join(", ", tower) +
                " found); use AAP_HOSTNAME, AAP_TOKEN, AAP_USERNAME/AAP_PASSWORD and AAP_VALIDATE_CERTS instead.");
        }
    }

    private static string Source(AapSettingsResolution result, string setting)
    {
        var prefix = setting + "=";
        var entry = result.Sources.LastOrDefault(s => s.StartsWith(prefix, StringComparison.Ordinal));
        return entry is null ? string.Empty : entry.Substring(prefix.Length);
    }

    internal static SecureString ToSecureString(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Reads variables, ignoring empty values; exact name first, then any casing (Windows).</summary>
    private sealed class EnvironmentReader
    {
        private readonly IDictionary<string, string?> _variables;

        public EnvironmentReader(IDictionary<string, string?> variables) => _variables = variables;

        public string? Get(string name)
        {
            if (_variables.TryGetValue(name, out var exact))
            {
                return Clean(exact);
            }

            foreach (var pair in _variables)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return Clean(pair.Value);
                }
            }

            return null;
        }

        public bool? Bool(string name)
        {
            var value = Get(name);
            if (value is null)
            {
                return null;
            }

            switch (value.ToLowerInvariant())
            {
                case "1":
                case "true":
                case "yes":
                case "on":
                case "y":
                    return true;
                case "0":
                case "false":
                case "no":
                case "off":
                case "n":
                    return false;
                default:
                    throw new AapConfigurationException(
                        name + " must be true or false, not '" + value + "'.", name, "Set it to true or false.");
            }
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
