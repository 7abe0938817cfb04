using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using AapPacker.Engine.Api;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Commands.Provision
{
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

            var commands = CiSecretMask.Commands(ci.System, environment, secrets);
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
}
