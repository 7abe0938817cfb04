using System.Collections.Generic;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning;

/// <summary>The result of <see cref="HostVariablesBuilder.Build"/>: the variables and their JSON text for AAP.</summary>
internal sealed class HostVariables
{
    internal HostVariables(IDictionary<string, object?> values, int port, string connectionType, string address)
    {
        Values = values;
        Port = port;
        ConnectionType = connectionType;
        Address = address;
        Json = JsonValues.Serialize(values);
    }

    /// <summary>The merged variables.</summary>
    public IDictionary<string, object?> Values { get; }

    /// <summary>The effective port.</summary>
    public int Port { get; }

    /// <summary><c>ssh</c> or <c>winrm</c>.</summary>
    public string ConnectionType { get; }

    /// <summary>The address.</summary>
    public string Address { get; }

    /// <summary>What AAP's <c>variables</c> field receives (a JSON string).</summary>
    public string Json { get; }

    /// <inheritdoc />
    public override string ToString() => Json;
}
