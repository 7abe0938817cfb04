using System;

namespace AapPacker.Models;

/// <summary>
/// A verified connection to an AAP or AWX controller, as <c>Connect-Aap -PassThru</c> and
/// <c>Get-AapConnection</c> return it. Holds no secret: the credentials stay inside the session's client.
/// </summary>
public sealed class AapConnectionInfo
{
    /// <summary>The server URI the user gave (scheme, host, port).</summary>
    public Uri Uri { get; set; } = new Uri("https://localhost/");

    /// <summary>The controller API root discovered or overridden, e.g. <c>/api/controller/v2/</c>.</summary>
    public string ApiRoot { get; set; } = "/api/v2/";

    /// <summary><c>AWX</c> (controller answers <c>/api/</c>) or <c>AAP gateway</c> (2.5+ platform gateway).</summary>
    public string Flavor { get; set; } = "AWX";

    /// <summary>The user name the server authenticated (from <c>me/</c>).</summary>
    public string User { get; set; } = "";

    /// <summary>The user's id on the controller.</summary>
    public int UserId { get; set; }

    /// <summary>The controller version (from <c>X-API-Product-Version</c> or <c>ping/</c>).</summary>
    public string Version { get; set; } = "";

    /// <summary>The product name the server reports (<c>X-API-Product-Name</c>), if any.</summary>
    public string ProductName { get; set; } = "";

    /// <summary><c>Token</c> or <c>Basic</c>.</summary>
    public string AuthenticationType { get; set; } = "Token";

    /// <summary>True when certificate validation was turned off for this connection.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>When the connection was verified (UTC).</summary>
    public DateTimeOffset ConnectedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{User}@{Uri} ({Flavor} {Version}, {ApiRoot})";
}
