namespace AapPacker.Models;

/// <summary>One object cleanup handled.</summary>
public sealed class AapCleanupItem
{
    /// <summary><c>credential</c>, <c>inventory</c> or <c>host</c>.</summary>
    public string ObjectType { get; set; } = "";

    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary>The object's name, if known.</summary>
    public string Name { get; set; } = "";

    /// <summary>Why it was left (only for objects that could not be removed, were kept or handed off).</summary>
    public string? Reason { get; set; }

    /// <summary>What the cleanup did with it.</summary>
    public AapCleanupOutcome Outcome { get; set; } = AapCleanupOutcome.Left;

    /// <inheritdoc />
    public override string ToString() => Reason is null ? $"{ObjectType} {Id} '{Name}'" : $"{ObjectType} {Id} '{Name}': {Reason}";
}
