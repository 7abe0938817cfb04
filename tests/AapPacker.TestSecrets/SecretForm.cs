namespace AapPacker.TestSecrets;

/// <summary>One way a secret could appear in output: the text to look for and what kind of form it is.</summary>
/// <param name="Kind">e.g. <c>whole</c>, <c>line 2</c>, <c>base64</c>, <c>JSON-escaped</c> (printable).</param>
/// <param name="Text">The text (secret: never printed).</param>
public sealed record SecretForm(string Kind, string Text)
{
    /// <summary>Never the text.</summary>
    public override string ToString() => Kind;
}
