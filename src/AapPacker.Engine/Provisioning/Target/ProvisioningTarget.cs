using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>The build machine of a <see cref="ProvisioningRequest"/> and the inventory it goes into. Null = not given.</summary>
internal sealed class ProvisioningTarget
{
    /// <summary>Target address (else <c>AAPPACKER_HOST</c>).</summary>
    public string? Host { get; set; }

    /// <summary>Target port (else <c>AAPPACKER_PORT</c>, else the connection type's default).</summary>
    public int? Port { get; set; }

    /// <summary>Target user (else <c>AAPPACKER_USER</c>); also the temporary credential's user.</summary>
    public string? User { get; set; }

    /// <summary><c>ssh</c> or <c>winrm</c> (else <c>AAPPACKER_CONNTYPE</c>, else ssh).</summary>
    public string? ConnectionType { get; set; }

    /// <summary>WinRM transport.</summary>
    public string? WinRmTransport { get; set; }

    /// <summary>WinRM scheme.</summary>
    public string? WinRmScheme { get; set; }

    /// <summary>WinRM certificate validation.</summary>
    public string? WinRmServerCertValidation { get; set; }

    /// <summary>Host name in the inventory (default: the address).</summary>
    public string? HostName { get; set; }

    /// <summary>More host variables (never secrets).</summary>
    public IDictionary<string, object?>? HostVariables { get; set; }

    /// <summary>Use this existing inventory (name or id) instead of creating one; the host is added to it and removed afterwards.</summary>
    public string? InventoryId { get; set; }

    /// <summary>Inventory variables for the temporary inventory.</summary>
    public IDictionary<string, object?>? InventoryVariables { get; set; }
}
