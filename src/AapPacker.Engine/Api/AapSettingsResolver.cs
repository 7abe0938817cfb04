using System;
using System.Collections.Generic;
using System.Security;

namespace AapPacker.Engine.Api
{
    /// <summary>Connection settings given explicitly (cmdlet parameters). Null = not given.</summary>
    public sealed class AapSettingsInput
    {
        /// <summary>Server URI.</summary>
        public string? Uri { get; set; }
        /// <summary>Bearer token.</summary>
        public SecureString? Token { get; set; }
        /// <summary>Basic user.</summary>
        public string? UserName { get; set; }
        /// <summary>Basic password.</summary>
        public SecureString? Password { get; set; }
        /// <summary>API prefix override (e.g. <c>/api/controller/</c>).</summary>
        public string? ApiPrefix { get; set; }
        /// <summary>PEM CA bundle path.</summary>
        public string? CertificateAuthorityPath { get; set; }
        /// <summary>Skip certificate validation (null = not given).</summary>
        public bool? SkipCertificateCheck { get; set; }
        /// <summary>Allow credentials over plain http.</summary>
        public bool? AllowUnencryptedAuthentication { get; set; }
        /// <summary>Per-request timeout.</summary>
        public TimeSpan? RequestTimeout { get; set; }
    }

    /// <summary>The outcome of resolving settings: the options and the warnings to show.</summary>
    public sealed class AapSettingsResolution
    {
        /// <summary>Ready-to-use client options.</summary>
        public AapClientOptions Options { get; set; } = new AapClientOptions();
        /// <summary>Warnings (conflicting sources, token beats Basic, TOWER_* deprecated, skip-verify on). No secret values.</summary>
        public IList<string> Warnings { get; } = new List<string>();
        /// <summary>Where each setting came from, e.g. <c>Uri=AAP_HOSTNAME</c>, for -Verbose.</summary>
        public IList<string> Sources { get; } = new List<string>();
    }

    /// <summary>
    /// Resolves connection settings: explicit parameters, then <c>AAP_*</c>, then <c>CONTROLLER_*</c>, then <c>TOWER_*</c>
    /// (see shared packer-and-ci.md §5). Empty values are ignored; disagreeing sources warn; a token beats Basic.
    /// CONTRACT STUB: the implementation is being written; signatures are stable.
    /// </summary>
    public static class AapSettingsResolver
    {
        /// <summary>Resolve. Throws <see cref="AapConfigurationException"/> when no server URI can be found or values contradict.</summary>
        public static AapSettingsResolution Resolve(AapSettingsInput input, IDictionary<string, string?> environment)
            => throw new NotImplementedException();
    }

    /// <summary>Bad or missing configuration found before anything was sent (exit code 4 in Invoke-AapPackerProvision).</summary>
    public sealed class AapConfigurationException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AapConfigurationException(string message, string? setting = null, string? recommendedAction = null, Exception? inner = null)
            : base(message, inner)
        {
            Setting = setting;
            RecommendedAction = recommendedAction;
        }

        /// <summary>The parameter or environment variable at fault, if one.</summary>
        public string? Setting { get; }

        /// <summary>What the user should do.</summary>
        public string? RecommendedAction { get; }
    }
}
