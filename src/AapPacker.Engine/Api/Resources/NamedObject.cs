namespace AapPacker.Engine.Api.Resources;

/// <summary>An object AapPacker only refers to by name or id: a label, an execution environment, an instance group.</summary>
public sealed class NamedObject
{
    /// <summary>Creates one.</summary>
    public NamedObject(int id, string name)
    {
        Id = id;
        Name = name ?? "";
    }

    /// <summary>The id.</summary>
    public int Id { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} '{Name}'";
}
