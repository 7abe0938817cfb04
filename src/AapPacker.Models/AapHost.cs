using System.Collections.Generic;

namespace AapPacker.Models;

/// <summary>A host in an AAP inventory. Its variables never hold a secret.</summary>
public sealed class AapHost
{
    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary>The host name in the inventory.</summary>
    public string Name { get; set; } = "";

    /// <summary>The inventory it belongs to.</summary>
    public int InventoryId { get; set; }

    /// <summary>The address AAP connects to (<c>ansible_host</c>).</summary>
    public string Address { get; set; } = "";

    /// <summary>The port AAP connects to (<c>ansible_port</c>).</summary>
    public int? Port { get; set; }

    /// <summary><c>ssh</c> or <c>winrm</c>.</summary>
    public string ConnectionType { get; set; } = "ssh";

    /// <summary>The build this host was created for, when known.</summary>
    public string? BuildId { get; set; }

    /// <summary>The API path, e.g. <c>/api/v2/hosts/31/</c>.</summary>
    public string? ApiPath { get; set; }

    /// <summary>The host variables as sent to AAP (never secrets).</summary>
    public IDictionary<string, object?> Variables { get; set; } = new Dictionary<string, object?>();

    /// <inheritdoc />
    public override string ToString()
        => Port.HasValue ? $"host {Id} '{Name}' ({ConnectionType} {Address}:{Port.Value})" : $"host {Id} '{Name}' ({ConnectionType} {Address})";
}
