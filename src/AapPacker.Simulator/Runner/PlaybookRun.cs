using System.ComponentModel;
using System.Diagnostics;
using AapPacker.Simulator.Jobs;

namespace AapPacker.Simulator.Runner;

/// <summary>
/// One real <c>ansible-playbook</c> process for one job: started at launch, its output recorded as job events as
/// it arrives, its exit code turned into the job's status (0 successful, anything else failed; canceled when
/// the job was canceled; error when it could not start). Cancel kills the process tree. The workspace with the
/// secrets is removed as soon as the process has exited.
/// </summary>
internal sealed class PlaybookRun
{
    private readonly object _sync = new();
    private readonly List<RecordedEvent> _events = [];
    private readonly AnsibleOutputParser _parser = new();
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Predicate<JobEvent> Match, TaskCompletionSource Seen)> _watchers = [];
    private Process? _process;
    private bool _cancelRequested;
    private DateTimeOffset? _started;
    private DateTimeOffset? _finished;
    private string? _status;

    private PlaybookRun(TimeProvider time) => _time = time;

    /// <summary>Completes once the process has exited, its output is recorded and the workspace is gone.</summary>
    public Task Completion => _done.Task;

    /// <summary>The command line without secrets (what <c>job_args</c> shows).</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    public static PlaybookRun Start(RunInputs inputs, RunnerSettings settings, TimeProvider time)
    {
        var run = new PlaybookRun(time);
        var workspace = RunWorkspace.Create(inputs);
        var start = AnsibleCommand.Build(inputs, workspace, settings);
        run.Arguments = start.ArgumentList.ToList();
        _ = Task.Run(() => run.RunAsync(start, workspace));
        return run;
    }

    public RecordedOutput Snapshot()
    {
        lock (_sync)
        {
            return new RecordedOutput(_events.ToArray(), _parser.Recap.ToArray(), _started, _finished, _status);
        }
    }

    /// <summary>Completes when an event matching <paramref name="match"/> has been recorded (or the run has ended).</summary>
    public Task WhenEventAsync(Predicate<JobEvent> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            if (_status is not null || _events.Exists(e => match(e.Event)))
            {
                return Task.CompletedTask;
            }
            _watchers.Add((match, seen));
        }
        return seen.Task;
    }

    /// <summary>Kills the process (and what it started). The job ends <c>canceled</c>.</summary>
    public void Cancel()
    {
        Process? process;
        lock (_sync)
        {
            if (_status is not null)
            {
                return;
            }
            _cancelRequested = true;
            process = _process;
        }
        Kill(process);
    }

    private async Task RunAsync(ProcessStartInfo start, RunWorkspace workspace)
    {
        try
        {
            using var process = new Process { StartInfo = start };
            lock (_sync)
            {
                if (_cancelRequested)
                {
                    Finish("canceled");
                    return;
                }
                Record(_parser.Start());
                try
                {
                    process.Start();
                }
                catch (Win32Exception e)
                {
                    RecordVerbose($"The simulator could not start '{start.FileName}': {e.Message}. Install ansible-core or pass --ansible-playbook PATH.");
                    Finish("error");
                    return;
                }
                _process = process;
                _started = _time.GetUtcNow();
            }
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync();
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_sync)
                {
                    Record(_parser.Feed(line));
                }
            }
            var stderr = await errors.ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            lock (_sync)
            {
                Record(_parser.Finish());
                if (!_cancelRequested && process.ExitCode != 0 && stderr.Trim().Length > 0)
                {
                    RecordVerbose(stderr.TrimEnd());
                }
                Finish(_cancelRequested ? "canceled" : process.ExitCode == 0 ? "successful" : "failed");
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The output pipe broke: the job must still end (error), never stay running.
            lock (_sync)
            {
                if (_status is null)
                {
                    RecordVerbose($"The simulator lost ansible-playbook's output: {e.Message}");
                    Finish("error");
                }
            }
        }
        finally
        {
            workspace.Dispose();
            _done.TrySetResult();
        }
    }

    private void Record(RecordedDraft? draft)
    {
        if (draft is not null)
        {
            _events.Add(new RecordedEvent(draft.Event, _time.GetUtcNow(), draft.TaskStartCounter));
            _watchers.RemoveAll(w => w.Match(draft.Event) && w.Seen.TrySetResult());
        }
    }

    /// <summary>A message of the runner itself, as a verbose event after everything ansible printed.</summary>
    private void RecordVerbose(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = _events.Count == 0 ? 0 : _events[^1].Event.EndLine;
        var counter = _events.Count + 1;
        var e = new JobEvent(counter, "verbose", string.Join("\r\n", lines), start, start + lines.Length, null, "", "", false, false, 0);
        _events.Add(new RecordedEvent(e, _time.GetUtcNow(), 0));
    }

    private void Finish(string status)
    {
        _finished = _time.GetUtcNow();
        _status = status;
        _watchers.ForEach(w => w.Seen.TrySetResult());
        _watchers.Clear();
    }

    private static void Kill(Process? process)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Already exited.
        }
    }

}
