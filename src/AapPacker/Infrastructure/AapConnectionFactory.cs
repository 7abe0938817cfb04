using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// The one way from settings to a connected client, for Connect-Aap, the implicit connection, completion and
/// Invoke-AapPackerProvision: what was given over the environment (<c>AAP_*</c> &gt; <c>CONTROLLER_*</c> &gt;
/// <c>TOWER_*</c>, <see cref="AapSettingsResolver"/>), its warnings on the cmdlet's warning stream (redacted), where
/// each setting came from on its verbose stream, and the log the client writes to.
/// </summary>
internal static class AapConnectionFactory
{
    /// <summary>How a connection reports itself.</summary>
    public enum Use
    {
        /// <summary>A cmdlet's connection: "Setting ..." verbose lines, the ambient debug log.</summary>
        Command,

        /// <summary>The implicit connection: one verbose line (the caller's), the ambient debug log.</summary>
        Implicit,

        /// <summary>Tab completion: silent, no retries (a completion must not hang).</summary>
        Completion,
    }

    /// <summary>True when the environment names an AAP server (the implicit connection needs one).</summary>
    public static bool EnvironmentNamesServer(IDictionary<string, string?> environment)
        => AapSettingsResolver.UriVariableNames.Any(name => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value));

    /// <summary>
    /// Resolves the settings and prepares the client options; throws <see cref="AapConfigurationException"/> when
    /// no server or credentials can be found. <paramref name="cmdlet"/> gets the warnings (and, for
    /// <see cref="Use.Command"/>, the sources); null for completion.
    /// </summary>
    public static AapSettingsResolution Resolve(AapSettingsInput input, IDictionary<string, string?> environment, AsyncPSCmdlet? cmdlet, Use use)
    {
        var resolution = AapSettingsResolver.Resolve(input, environment);
        if (cmdlet != null && use != Use.Completion)
        {
            if (use == Use.Command)
            {
                foreach (var source in resolution.Sources)
                {
                    cmdlet.QueueVerbose("Setting " + source);
                }
            }

            foreach (var warning in resolution.Warnings)
            {
                cmdlet.QueueWarning(Redactor.Redact(warning));
            }
        }

        var options = resolution.Options;
        if (use == Use.Completion)
        {
            options.Log = NullAapLog.Instance;
            options.Retry = new AapRetryOptions { MaxRetries = 0, MaxRetriesWhenUnreachable = 0 };
        }
        else
        {
            options.Log = AmbientAapLog.Instance;
        }

        return resolution;
    }

    /// <summary>Connects (reads the server's version and the user; <see cref="AapClient.ConnectAsync"/>).</summary>
    public static Task<AapClient> ConnectAsync(AapSettingsResolution resolution, CancellationToken cancellationToken)
        => AapClient.ConnectAsync(resolution.Options, cancellationToken);

    /// <summary>Resolves and connects.</summary>
    public static Task<AapClient> ConnectAsync(AapSettingsInput input, IDictionary<string, string?> environment, AsyncPSCmdlet? cmdlet, Use use, CancellationToken cancellationToken)
        => ConnectAsync(Resolve(input, environment, cmdlet, use), cancellationToken);

    /// <summary>
    /// Resolves and connects for a build: <c>GET me/</c> goes out beside the build's first lookups
    /// (<see cref="AapClient.Verified"/>) instead of before them, a round trip less on the build's path.
    /// </summary>
    public static Task<AapClient> ConnectForBuildAsync(AapSettingsInput input, IDictionary<string, string?> environment, AsyncPSCmdlet cmdlet, CancellationToken cancellationToken)
        => AapClient.ConnectAsync(Resolve(input, environment, cmdlet, Use.Command).Options, verifyAlongside: true, cancellationToken);
}
