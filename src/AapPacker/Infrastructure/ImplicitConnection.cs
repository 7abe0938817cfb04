using System.Linq;
using System.Threading;
using AapPacker.Commands.Provision;
using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// What a cmdlet that needs AAP does when the session has no connection: connect from the environment exactly as
/// Connect-Aap without parameters (AAP_* over CONTROLLER_* over TOWER_*), as the awx CLI and the
/// ansible.controller collection take their environment, so a pipeline needs no Connect-Aap line.
/// </summary>
internal static class ImplicitConnection
{
    /// <summary>The client, or null when no AAP server is set in the environment (the caller's error then applies).</summary>
    public static AapClient? TryConnect(AapConnectedCmdlet cmdlet, CancellationToken cancellationToken)
    {
        var environment = ProcessEnvironment.Read();
        if (!AapConnectionFactory.EnvironmentNamesServer(environment))
        {
            return null;
        }

        // First, so a CI agent masks the token and password before any line could carry one.
        CiSecretRegistration.Register(environment);
        var resolution = AapConnectionFactory.Resolve(new AapSettingsInput(), environment, cmdlet, AapConnectionFactory.Use.Implicit);
        var options = resolution.Options;
        cmdlet.QueueVerbose("No AAP connection in this session: connecting to " + options.BaseUri + " from the environment ("
            + string.Join(", ", resolution.Sources) + "), as Connect-Aap without parameters does; it stays this session's connection.");

        // The cmdlet's body runs on a pool thread (AsyncPSCmdlet), so waiting here blocks no pipeline.
        return AapConnectionFactory.ConnectAsync(resolution, cancellationToken).GetAwaiter().GetResult();
    }
}
