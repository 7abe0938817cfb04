using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using AapPacker.Engine.Api;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Commands.Provision;

/// <summary>
/// Registers the run's secrets (and their base64 and per-line forms) with the CI agent before anything is printed.
/// The commands go straight to the process's standard output, the agent's only channel, and never through a
/// PowerShell stream: a transcript, -InformationVariable or a redirection must not receive them.
/// </summary>
internal static class CiSecretRegistration
{
    public static void Register(IDictionary<string, string?> environment, params SecureString?[] parameters)
    {
        var ci = CiLog.Detect(environment);
        if (ci.System == CiSystem.None)
        {
            return;
        }

        var secrets = new List<string?>();
        secrets.AddRange(parameters.Where(p => p != null).Select(p => SecretText.FromSecureString(p!).Reveal()));
        foreach (var name in AapSettingsResolver.TokenVariables.Concat(AapSettingsResolver.PasswordVariables))
        {
            secrets.Add(environment.TryGetValue(name, out var value) ? value : null);
        }

        foreach (var name in new[] { PackerEnvironmentReader.PasswordVariable, PackerEnvironmentReader.SshKeyVariable })
        {
            secrets.Add(Decoded(environment, name));
        }

        Write(CiSecretMask.Commands(ci.System, environment, secrets));
    }

    /// <summary>Registers a key file's lines too (read only under a CI; a file that cannot be read is reported by the run).</summary>
    public static void RegisterKeyFile(IDictionary<string, string?> environment, string? path)
    {
        if (string.IsNullOrEmpty(path) || CiLog.Detect(environment).System == CiSystem.None)
        {
            return;
        }

        string text;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > 64 * 1024)
            {
                return;
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
        {
            return;
        }

        Write(CiSecretMask.Commands(CiLog.Detect(environment).System, environment, new[] { text }));
    }

    private static void Write(IReadOnlyList<string> commands)
    {
        foreach (var command in commands)
        {
            Console.Out.WriteLine(command);
        }

        Console.Out.Flush();
    }

    // A value that does not decode is reported by the run itself (without its value); nothing to register then.
    private static string? Decoded(IDictionary<string, string?> environment, string name)
    {
        try
        {
            return environment.TryGetValue(name, out var value) ? PackerEnvironmentReader.DecodeSecret(value, name)?.Reveal() : null;
        }
        catch (AapProvisioningException)
        {
            return null;
        }
    }
}
