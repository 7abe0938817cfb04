using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Packer;

/// <summary>
/// Reads the environment the documented <c>shell-local</c> recipe sets (packer-and-ci.md §3.2) into a
/// <see cref="PackerTarget"/>: <c>AAPPACKER_*</c> first, then Packer's own <c>PACKER_RUN_UUID</c>,
/// <c>PACKER_BUILD_NAME</c>, <c>PACKER_BUILDER_TYPE</c>. Placeholders mean "not given".
/// </summary>
internal static class PackerEnvironmentReader
{
    /// <summary>Environment variable names read.</summary>
    public const string HostVariable = "AAPPACKER_HOST", PortVariable = "AAPPACKER_PORT", UserVariable = "AAPPACKER_USER",
        ConnectionTypeVariable = "AAPPACKER_CONNTYPE", RunIdVariable = "AAPPACKER_RUN_ID", BuildVariable = "AAPPACKER_BUILD",
        SshKeyVariable = "AAPPACKER_SSHKEY_B64", PasswordVariable = "AAPPACKER_PASSWORD_B64";

    /// <summary>Reads the target. Throws <see cref="AapProvisioningException"/> (exit code 4) for values that are given but wrong.</summary>
    public static PackerTarget Read(IDictionary<string, string?> environment)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        string? Get(string name) => environment.TryGetValue(name, out var value) ? PackerValue.OrNull(value) : null;

        var target = new PackerTarget
        {
            Host = Get(HostVariable),
            User = Get(UserVariable),
            RunUuid = Get(RunIdVariable) ?? Get("PACKER_RUN_UUID"),
            BuildName = Get(BuildVariable) ?? Get("PACKER_BUILD_NAME"),
            BuilderType = Get("PACKER_BUILDER_TYPE"),
        };

        var port = Get(PortVariable);
        if (port != null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > 65535)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidPackerPort,
                    $"{PortVariable} is '{port}', which is not a TCP port (1-65535).",
                    $"Set {PortVariable} to build.Port, or pass {Fields.TargetPort}.");
            }

            target.Port = parsed;
        }

        var connection = Get(ConnectionTypeVariable);
        if (connection != null)
        {
            var lower = connection.ToLowerInvariant();
            if (lower == "none")
            {
                connection = null;
            }
            else if (lower != "ssh" && lower != "winrm")
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidPackerConnectionType,
                    $"{ConnectionTypeVariable} is '{connection}'; AapPacker supports ssh and winrm.",
                    $"Set {ConnectionTypeVariable} to build.ConnType, or pass {Fields.ConnectionType} ssh|winrm.");
            }
            else
            {
                connection = lower;
            }
        }

        target.ConnectionType = connection;
        target.SshPrivateKey = DecodeSecret(Get(SshKeyVariable), SshKeyVariable);
        target.Password = DecodeSecret(Get(PasswordVariable), PasswordVariable);
        return target;
    }

    /// <summary>Reads the current process environment.</summary>
    public static PackerTarget ReadProcessEnvironment()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            values[(string)entry.Key] = entry.Value as string;
        }

        return Read(values);
    }

    /// <summary>Decodes a base64 secret; an empty result counts as not given. The error never quotes the value.</summary>
    /// <summary>The Packer expression a base64 variable carries.</summary>
    private static string PackerExpression(string variable)
        => variable == SshKeyVariable ? "build.SSHPrivateKey" : variable == PasswordVariable ? "build.Password" : "the value";

    internal static SecretText? DecodeSecret(string? base64, string variable)
    {
        if (base64 is null)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidPackerBase64,
                $"{variable} is not valid base64 (length {base64.Length}); its value is not shown.",
                $"Set it with base64encode(...) in the Packer template, e.g. \"{variable}=${{base64encode({PackerExpression(variable)})}}\" in the provisioner's environment_vars.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidPackerBase64,
                $"{variable} decodes to bytes that are not UTF-8 text; its value is not shown.",
                "Encode the text itself with base64encode(...), not a binary file.");
        }

        return PackerValue.IsMissing(text) ? null : SecretText.FromPlainText(text);
    }
}
