using System;
using System.Collections.Generic;
using System.Globalization;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Builds a host's variables: <c>ansible_host</c>, <c>ansible_port</c>, <c>ansible_user</c>,
/// <c>ansible_connection</c> and, for WinRM, <c>ansible_winrm_transport/scheme/server_cert_validation</c> (the scheme
/// defaults to http on port 5985, https otherwise; the port to 5986 for https, 5985 for http), merged
/// with the user's variables. Rules:
/// <list type="bullet">
/// <item>Keys derived from parameters win. A user variable with the same key is accepted when it has the same
/// value and refused (naming the parameter to use) when it differs, so nothing is overridden silently.</item>
/// <item>Any other user key is kept as given.</item>
/// <item>Secrets are refused (<c>ansible_password</c>, <c>ansible_ssh_pass</c>, <c>ansible_become_pass</c>,
/// private key text, …): host variables are readable by anyone who can see the inventory; secrets belong in
/// the Machine credential.</item>
/// </list>
/// AAP takes the variables as a string; <see cref="Build"/> returns the JSON text as well.
/// </summary>
internal static class HostVariablesBuilder
{
    private static readonly HashSet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ansible_password", "ansible_ssh_pass", "ansible_ssh_password", "ansible_become_pass", "ansible_become_password",
        "ansible_sudo_pass", "ansible_sudo_password", "ansible_su_pass", "ansible_su_password", "ansible_winrm_password",
        "ansible_httpapi_pass", "ansible_httpapi_password", "ansible_net_password", "ansible_ssh_private_key",
        "ansible_private_key", "ansible_ssh_private_key_data", "ansible_winrm_cert_key_pem",
    };

    private const int WinRmHttpPort = 5985;
    private const int WinRmHttpsPort = 5986;

    private static readonly char[] BadAddressChars = { ' ', '\t', '\r', '\n', '/', '"', '\'' };
    private static readonly string[] Schemes = { "https", "http" };
    private static readonly string[] Validations = { "validate", "ignore" };
    private static readonly string[] Transports = { "ntlm", "kerberos", "credssp", "basic", "certificate", "plaintext", "ssl" };

    /// <summary>Builds the variables. Throws <see cref="AapProvisioningException"/> (exit code 4) for bad input.</summary>
    public static HostVariables Build(HostTarget target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var address = (target.Address ?? "").Trim();
        if (address.Length == 0 || address.IndexOfAny(BadAddressChars) >= 0)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidTargetAddress,
                address.Length == 0 ? "No target address was given." : $"The target address '{address}' is not a host name or IP address.",
                $"Pass {Fields.TargetHost}, or set AAPPACKER_HOST to build.Host.");
        }

        if (target.Port.HasValue && (target.Port.Value < 1 || target.Port.Value > 65535))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidTargetPort, $"The port {target.Port.Value} is not a TCP port (1-65535).", $"Pass {Fields.TargetPort} between 1 and 65535.");
        }

        var connection = (target.ConnectionType ?? "ssh").Trim().ToLowerInvariant();
        if (connection.Length == 0)
        {
            connection = "ssh";
        }

        var derived = new Dictionary<string, object?>(StringComparer.Ordinal) { [AnsibleHostVariables.Host] = address };
        var parameterOf = new Dictionary<string, string>(StringComparer.Ordinal) { [AnsibleHostVariables.Host] = Fields.TargetHost, [AnsibleHostVariables.Connection] = Fields.ConnectionType };
        int port;
        if (connection == "ssh")
        {
            port = target.Port ?? 22;
            derived[AnsibleHostVariables.Connection] = "ssh";
        }
        else if (connection == "winrm")
        {
            // Packer hands over build.Port: 5985 is WinRM's HTTP listener, so https there could never connect.
            var scheme = Choice(target.WinRmScheme, target.Port == WinRmHttpPort ? "http" : "https", Schemes, Fields.WinRmScheme);
            var transport = Choice(target.WinRmTransport, "ntlm", Transports, Fields.WinRmTransport);
            var validation = Choice(target.WinRmServerCertValidation, "validate", Validations, Fields.WinRmServerCertValidation);
            port = target.Port ?? (scheme == "https" ? WinRmHttpsPort : WinRmHttpPort);
            derived[AnsibleHostVariables.Connection] = "winrm";
            derived[AnsibleHostVariables.WinRmTransport] = transport;
            derived[AnsibleHostVariables.WinRmScheme] = scheme;
            derived[AnsibleHostVariables.WinRmServerCertValidation] = validation;
            parameterOf[AnsibleHostVariables.WinRmTransport] = Fields.WinRmTransport;
            parameterOf[AnsibleHostVariables.WinRmScheme] = Fields.WinRmScheme;
            parameterOf[AnsibleHostVariables.WinRmServerCertValidation] = Fields.WinRmServerCertValidation;
        }
        else
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidConnectionType,
                $"The connection type '{target.ConnectionType}' is not supported; use ssh or winrm.", $"Pass {Fields.ConnectionType} ssh or {Fields.ConnectionType} winrm.");
        }

        derived[AnsibleHostVariables.Port] = port;
        parameterOf[AnsibleHostVariables.Port] = Fields.TargetPort;
        if (!string.IsNullOrWhiteSpace(target.User))
        {
            derived[AnsibleHostVariables.User] = target.User!.Trim();
            parameterOf[AnsibleHostVariables.User] = Fields.TargetUser;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (target.Variables != null)
        {
            foreach (var pair in target.Variables)
            {
                var key = pair.Key;
                CheckNotSecret(key, pair.Value, "host variable");
                var value = JsonValues.Normalize(pair.Value, key);
                if (derived.TryGetValue(key, out var derivedValue))
                {
                    if (!SameValue(derivedValue, value))
                    {
                        throw AapProvisioningException.Configuration(ProvisioningErrorKind.ConflictingHostVariable,
                            $"The host variable '{key}' ({Describe(value)}) contradicts {parameterOf[key]} ({Describe(derivedValue)}).",
                            $"Remove '{key}' from {Fields.HostVariables} and use {parameterOf[key]}.");
                    }

                    continue;
                }

                result[key] = value;
            }
        }

        foreach (var pair in derived)
        {
            result[pair.Key] = pair.Value;
        }

        return new HostVariables(result, port, connection, address);
    }

    /// <summary>
    /// Refuses a variable that would put a secret where every inventory reader sees it: known password/key
    /// variable names, and any string value holding private key text.
    /// </summary>
    public static void CheckNotSecret(string key, object? value, string what)
    {
        if (key != null && SecretKeys.Contains(key))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SecretInVariables,
                $"The {what} '{key}' would store a secret in clear text in AAP, where anyone who can read the inventory sees it.",
                $"Remove it and pass the secret to the Machine credential instead ({Fields.TargetPassword}, {Fields.SshPrivateKey}, {Fields.SshPrivateKeyPath} or {Fields.BecomePassword}).");
        }

        if (ContainsPrivateKey(value))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SecretInVariables,
                $"The {what} '{key}' holds private key text, which would be stored in clear text in AAP.",
                $"Remove it and pass the key with {Fields.SshPrivateKey} or {Fields.SshPrivateKeyPath} (it goes into the Machine credential).");
        }
    }

    private static bool ContainsPrivateKey(object? value)
    {
        switch (value)
        {
            case string text:
                return text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) >= 0;
            case System.Collections.IDictionary dictionary:
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    if (ContainsPrivateKey(entry.Value))
                    {
                        return true;
                    }
                }

                return false;
            case System.Collections.IEnumerable sequence:
                foreach (var item in sequence)
                {
                    if (ContainsPrivateKey(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static string Choice(string? given, string fallback, string[] allowed, string parameter)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            return fallback;
        }

        var value = given!.Trim().ToLowerInvariant();
        if (Array.IndexOf(allowed, value) < 0)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidWinRmSetting,
                $"{parameter} '{given}' is not one of: {string.Join(", ", allowed)}.", $"Pass {parameter} with one of: {string.Join(", ", allowed)}.");
        }

        return value;
    }

    private static bool SameValue(object? a, object? b)
        => string.Equals(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Describe(object? value) => value is null ? "null" : "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'";
}
