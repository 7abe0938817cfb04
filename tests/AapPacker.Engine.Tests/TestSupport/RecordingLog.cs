using System.Collections.Concurrent;
using AapPacker.Engine.Api;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>
/// An <see cref="IAapLog"/> that keeps every message and lets a test await the first one matching a condition
/// (a real event to synchronise on, instead of sleeping).
/// </summary>
public sealed class RecordingLog : IAapLog
{
    private readonly object _gate = new();
    private readonly List<(string Level, string Message)> _entries = [];
    private readonly List<(Func<string, string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    public IReadOnlyList<(string Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

    public IEnumerable<string> Messages(string level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    /// <summary>Every message of every level, for secret scans.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => e.Level + ": " + e.Message));

    public void Verbose(string message) => Add("Verbose", message);

    public void Debug(string message) => Add("Debug", message);

    public void Warning(string message) => Add("Warning", message);

    /// <summary>Completes with the first message (past or future) of <paramref name="level"/> containing <paramref name="text"/>.</summary>
    public Task<string> WaitForAsync(string level, string text)
    {
        bool Match(string l, string m) => l == level && m.Contains(text, StringComparison.Ordinal);
        lock (_gate)
        {
            foreach (var (l, m) in _entries)
            {
                if (Match(l, m))
                {
                    return Task.FromResult(m);
                }
            }

            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Match, done));
            return done.Task;
        }
    }

    private void Add(string level, string message)
    {
        List<TaskCompletionSource<string>> fire = [];
        CapturedOutput.Save("RecordingLog", level + ": " + message);
        lock (_gate)
        {
            _entries.Add((level, message));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(level, message))
                {
                    fire.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var done in fire)
        {
            done.TrySetResult(message);
        }
    }
}
