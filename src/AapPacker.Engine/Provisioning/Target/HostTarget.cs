using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>How AAP reaches the machine being built: the input of <see cref="HostVariablesBuilder"/>.</summary>
internal sealed class HostTarget
{
    /// <summary>Address AAP connects to (IP or DNS name).</summary>
    public string Address { get; set; } = "";

    /// <summary>Port; null = the connection type's default (22; WinRM 5986 over https, 5985 over http).</summary>
    public int? Port { get; set; }

    /// <summary>Login user; null = leave to the credential.</summary>
    public string? User { get; set; }

    /// <summary><c>ssh</c> (default) or <c>winrm</c>.</summary>
    public string ConnectionType { get; set; } = "ssh";

    /// <summary>WinRM transport (default <c>ntlm</c>): <c>ntlm</c>, <c>kerberos</c>, <c>credssp</c>, <c>basic</c>, <c>certificate</c>.</summary>
    public string? WinRmTransport { get; set; }

    /// <summary>WinRM scheme (default <c>https</c>).</summary>
    public string? WinRmScheme { get; set; }

    /// <summary>WinRM certificate validation (default <c>validate</c>; <c>ignore</c> for self-signed build VMs).</summary>
    public string? WinRmServerCertValidation { get; set; }

    /// <summary>More host variables from the user (never secrets).</summary>
    public IDictionary<string, object?>? Variables { get; set; }
}
