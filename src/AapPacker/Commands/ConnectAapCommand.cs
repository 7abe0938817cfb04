using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Engine.Api;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Connects to Ansible Automation Platform (or AWX) and makes it the session's default connection.
/// Discovers the API root (AAP gateway or AWX), verifies the credentials with GET me/,
/// and keeps the connection for the other AapPacker cmdlets of this PowerShell session. Settings not given as
/// parameters come from AAP_*, then CONTROLLER_*, then TOWER_* environment variables. No token is created or stored.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Aap")]
[OutputType(typeof(AapConnectionInfo))]
public sealed class ConnectAapCommand : AsyncPSCmdlet
{
    /// <summary>The server, e.g. <c>https://aap.example.com</c>. Default: AAP_HOSTNAME, CONTROLLER_HOST, TOWER_HOST.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Uri { get; set; }

    /// <summary>An AAP/AWX API token (Bearer). Default: AAP_TOKEN, CONTROLLER_OAUTH_TOKEN, TOWER_OAUTH_TOKEN.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Token { get; set; }

    /// <summary>User name and password for Basic authentication (a token wins when both are given).</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>A PEM bundle of certificate authorities to trust besides the system store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>Turns off certificate validation (tests only; a warning is written).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Allows credentials over plain http to a host that is not loopback.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>The API prefix, e.g. <c>/api/controller/</c>, instead of discovering it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiPrefix { get; set; }

    /// <summary>The timeout of one HTTP request (default 30 seconds).</summary>
    [Parameter]
    public TimeSpan RequestTimeout { get; set; }

    /// <summary>Writes the connection object to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    internal override object? ErrorTarget => Uri;

    /// <inheritdoc />
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var runspace = CurrentRunspace
            ?? throw new InvalidOperationException("Connect-Aap must run inside a PowerShell pipeline.");

        // First, so the CI agent masks the token and password (and their forms) before any line could carry one.
        CiSecretRegistration.Register(ProcessEnvironment.Read(), Token, Credential?.Password);

        // Parameters and provider paths belong to the session: read them on the pipeline thread.
        var input = await InvokeOnPipelineThreadAsync(BuildInput).ConfigureAwait(false);
        var resolution = AapConnectionFactory.Resolve(input, ProcessEnvironment.Read(), this, AapConnectionFactory.Use.Command);
        var options = resolution.Options;
        if (options.SkipCertificateCheck && !MentionsCertificates(resolution.Warnings))
        {
            QueueWarning("Certificate validation is off for this connection: anyone on the network path can impersonate the server. Use -CertificateAuthorityPath with your CA bundle instead.");
        }

        QueueVerbose(string.Format(CultureInfo.InvariantCulture, "Connecting to {0}", options.BaseUri));

        var client = await AapConnectionFactory.ConnectAsync(resolution, cancellationToken).ConfigureAwait(false);
        ConnectionStore.For(runspace).SetCurrent(client);

        if (PassThru)
        {
            QueueObject(client.Info);
        }
    }

    private AapSettingsInput BuildInput()
    {
        var bound = MyInvocation.BoundParameters;
        return new AapSettingsInput
        {
            Uri = Uri,
            Token = Token,
            UserName = Credential?.UserName,
            Password = Credential?.Password,
            ApiPrefix = ApiPrefix,
            CertificateAuthorityPath = CertificateAuthorityPath is null
                ? null
                : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificateAuthorityPath),
            SkipCertificateCheck = bound.ContainsKey(nameof(SkipCertificateCheck)) ? SkipCertificateCheck.IsPresent : (bool?)null,
            AllowUnencryptedAuthentication = bound.ContainsKey(nameof(AllowUnencryptedAuthentication)) ? AllowUnencryptedAuthentication.IsPresent : (bool?)null,
            RequestTimeout = bound.ContainsKey(nameof(RequestTimeout)) ? RequestTimeout : (TimeSpan?)null,
        };
    }

    private static bool MentionsCertificates(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
#pragma warning disable CA2249 // string.Contains(string, StringComparison) does not exist on net472.
            if (warning.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0)
#pragma warning restore CA2249
            {
                return true;
            }
        }

        return false;
    }
}
