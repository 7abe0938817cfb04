using System;

namespace AapPacker.Engine.Provisioning;

/// <summary>One object a build created (never a secret).</summary>
internal sealed class BuildLedgerEntry
{
    /// <summary><c>inventory</c>, <c>host</c>, <c>credential</c> or <c>job</c>.</summary>
    public string ObjectType { get; set; } = "";

    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary>The object name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The build id.</summary>
    public string BuildId { get; set; } = "";

    /// <summary>The API path, e.g. <c>/api/v2/inventories/15/</c> (or relative, <c>inventories/15/</c>).</summary>
    public string ApiPath { get; set; } = "";

    /// <summary>The containing object (a host's inventory), if any.</summary>
    public int? ParentId { get; set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True once cleanup removed it (or found it gone).</summary>
    public bool Removed { get; set; }

    /// <summary>
    /// True while the create is announced but AAP's answer has not arrived (<see cref="Id"/> is 0): a process killed in
    /// between leaves the object findable by its unique name (a host by its name in <see cref="ParentId"/>).
    /// </summary>
    public bool Pending { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{ObjectType} {(Pending ? "(being created)" : Id.ToString(System.Globalization.CultureInfo.InvariantCulture))} '{Name}'{(Removed ? " (removed)" : "")}";
}
