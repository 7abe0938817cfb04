using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// The log handed to a stored client: forwards to whichever cmdlet is using the client right now
/// (<see cref="CmdletLogScope"/>), and drops messages when none is.
/// </summary>
internal sealed class AmbientAapLog : IAapLog
{
    public static readonly AmbientAapLog Instance = new AmbientAapLog();

    private AmbientAapLog()
    {
    }

    public void Verbose(string message) => CmdletLogScope.Current?.Verbose(message);

    public void Debug(string message) => CmdletLogScope.Current?.Debug(message);

    public void Warning(string message) => CmdletLogScope.Current?.Warning(message);
}
