using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// Maps the engine's log to a cmdlet's Verbose, Debug and Warning streams through the pipeline queue (the
/// engine calls from thread-pool threads). Every message is redacted first, as a second line of defence.
/// </summary>
internal sealed class CmdletAapLog : IAapLog
{
    private readonly AsyncPSCmdlet _cmdlet;

    public CmdletAapLog(AsyncPSCmdlet cmdlet) => _cmdlet = cmdlet;

    public void Verbose(string message) => _cmdlet.QueueVerbose(Redactor.Redact(message));

    public void Debug(string message) => _cmdlet.QueueDebug(Redactor.Redact(message));

    public void Warning(string message) => _cmdlet.QueueWarning(Redactor.Redact(message));
}
