namespace AapPacker.TestSecrets;

/// <summary>A secret the tests use: a name that may be printed, and the value that must never be.</summary>
/// <param name="Number">Its number in the catalogue (reports say "secret #3", never the value).</param>
/// <param name="Name">What it is, e.g. <c>TargetPassword</c>.</param>
/// <param name="Value">The secret itself.</param>
public sealed record TestSecret(int Number, string Name, string Value)
{
    /// <summary>Never the value: a record's generated ToString would print it into a test report.</summary>
    public override string ToString() => $"secret #{Number} ({Name})";
}
