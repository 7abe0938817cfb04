namespace AapPacker.Engine.Api;

/// <summary>A log that drops everything.</summary>
internal sealed class NullAapLog : IAapLog
{
    /// <summary>The shared instance.</summary>
    public static readonly NullAapLog Instance = new NullAapLog();

    /// <inheritdoc />
    public void Verbose(string message) { }

    /// <inheritdoc />
    public void Debug(string message) { }

    /// <inheritdoc />
    public void Warning(string message) { }
}
