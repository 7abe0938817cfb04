namespace AapPacker.TestSecrets;

/// <summary>Where a secret was found: safe to print (it names the secret and the form, never the value).</summary>
public sealed record SecretFinding(TestSecret Secret, string Form, string File, int Line)
{
    /// <inheritdoc/>
    public override string ToString() => $"secret #{Secret.Number} ({Secret.Name}, {Form}) found in {File}:{Line}";
}
