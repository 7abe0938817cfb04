namespace AapPacker.Engine.Api;

/// <summary>
/// Where the engine reports what it does. Cmdlets map these to the Verbose, Debug and Warning streams;
/// messages never contain a secret (callers pass paths and status codes, not headers or bodies with secrets).
/// Implementations must be thread-safe: the engine calls them from thread-pool threads.
/// </summary>
internal interface IAapLog
{
    /// <summary>A step a user may want to follow with -Verbose.</summary>
    void Verbose(string message);

    /// <summary>Wire-level detail for -Debug (method, path, status, timing; never headers or secret bodies).</summary>
    void Debug(string message);

    /// <summary>Something the user should act on.</summary>
    void Warning(string message);
}
