using System.Globalization;
using System.Text;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Jobs;

/// <summary>
/// The deterministic shape of a job's output: event N is computed from (job, N) in O(1), so a scenario can ask
/// for 500 000 events without the simulator storing them. Layout: playbook_on_start (no output),
/// playbook_on_play_start, then groups of one task start plus one runner event per host, then playbook_on_stats
/// with the recap. Lines are 0-based, end exclusive, contiguous.
/// </summary>
internal sealed class EventPlan : IJobOutput
{
    public const int MinimumEvents = 4;
    public const string PlayName = "Configure image";
    private const string Green = "\u001b[0;32m";
    private const string Yellow = "\u001b[0;33m";
    private const string Red = "\u001b[0;31m";
    private const string Reset = "\u001b[0m";

    private readonly IReadOnlyList<string> _hosts;
    private readonly int _stdoutBytes;
    private readonly int _bodyCount;
    private readonly int _group;

    public EventPlan(Job job)
        : this(job.HostNames, Math.Max(MinimumEvents, job.Script.EventCount), job.Script.EventStdoutBytes, job.Script.Outcome)
    {
    }

    public EventPlan(IReadOnlyList<string> hosts, int eventCount, int stdoutBytes, string outcome)
    {
        _hosts = hosts;
        Count = Math.Max(MinimumEvents, eventCount);
        _stdoutBytes = stdoutBytes;
        _bodyCount = Count - 3;
        _group = 1 + hosts.Count;
        FailedCounter = outcome == "failed" && hosts.Count > 0 ? LastHostEventCounter() : -1;
    }

    public int Count { get; }
    public int FailedCounter { get; }

    /// <summary>How long after emission an event becomes visible: usually 0.5 s, every tenth one 2 s (out of order).</summary>
    public static TimeSpan StorageLag(int counter, int count)
        => counter % 10 == 5 && counter < count ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(0.5);

    public int StartLine(int counter)
    {
        if (counter <= 2)
        {
            return 0;
        }
        if (counter == Count)
        {
            return 2 + BodyLines(_bodyCount);
        }
        return 2 + BodyLines(counter - 3);
    }

    public int LineCount(int counter)
    {
        if (counter == 1)
        {
            return 0;
        }
        if (counter == 2)
        {
            return 2;
        }
        if (counter == Count)
        {
            return 2 + _hosts.Count;
        }
        return (counter - 3) % _group == 0 ? 2 : 1;
    }

    /// <summary>The smallest counter whose start line is at least <paramref name="line"/> (Count + 1 if none).</summary>
    public int FirstCounterAtOrAfterLine(int line)
    {
        int lo = 1, hi = Count + 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (StartLine(mid) >= line)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public string EventName(int counter)
    {
        if (counter == 1)
        {
            return "playbook_on_start";
        }
        if (counter == 2)
        {
            return "playbook_on_play_start";
        }
        if (counter == Count)
        {
            return "playbook_on_stats";
        }
        if ((counter - 3) % _group == 0)
        {
            return "playbook_on_task_start";
        }
        return counter == FailedCounter ? "runner_on_failed" : "runner_on_ok";
    }

    /// <summary>Byte length of the event's stdout, without building it.</summary>
    public int StdoutLength(int counter)
    {
        var name = EventName(counter);
        var isHostEvent = name.StartsWith("runner_on", StringComparison.Ordinal);
        // Padded host lines are exactly the requested size (ASCII); no need to build them.
        return isHostEvent && _stdoutBytes > 256 ? _stdoutBytes : Encoding.UTF8.GetByteCount(Get(counter).Stdout);
    }

    public JobEvent Get(int counter)
    {
        if (counter < 1 || counter > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(counter));
        }
        var start = StartLine(counter);
        var end = start + LineCount(counter);
        var name = EventName(counter);
        switch (name)
        {
            case "playbook_on_start":
                return new JobEvent(counter, name, "", start, end, null, "", "", false, false, 0);
            case "playbook_on_play_start":
                return new JobEvent(counter, name, "\r\n" + Banner($"PLAY [{PlayName}]"), start, end, null, PlayName, "", false, false, 1);
            case "playbook_on_stats":
                return new JobEvent(counter, name, Recap(), start, end, null, PlayName, "", false, false, 1);
        }
        var p = counter - 3;
        var task = TaskName(p / _group);
        if (name == "playbook_on_task_start")
        {
            return new JobEvent(counter, name, "\r\n" + Banner($"TASK [{task}]"), start, end, null, PlayName, task, false, false, 2);
        }
        var host = _hosts[(p % _group) - 1];
        var failed = name == "runner_on_failed";
        var changed = !failed && (p / _group) % 3 == 1;
        return new JobEvent(counter, name, HostLine(host, failed, changed), start, end, host, PlayName, task, failed, changed, 3);
    }

    public int TaskStartCounter(int counter) => counter - ((counter - 3) % _group);

    /// <summary>Per host: tasks run, changed, failed (for the recap and job_host_summaries).</summary>
    public (int Ok, int Changed, int Failures) HostCounts(int hostIndex)
    {
        var full = _bodyCount / _group;
        var rem = _bodyCount % _group;
        var tasks = full + (hostIndex < rem - 1 ? 1 : 0);
        var changed = (tasks + 1) / 3;
        var failures = FailedCounter > 0 && _hosts[((FailedCounter - 3) % _group) - 1] == _hosts[hostIndex] ? 1 : 0;
        return (tasks - failures, changed, failures);
    }

    public IReadOnlyList<string> Hosts => _hosts;

    private int BodyLines(int bodyEvents)
    {
        var full = bodyEvents / _group;
        var rem = bodyEvents % _group;
        return (full * (2 + _hosts.Count)) + (rem > 0 ? 2 + (rem - 1) : 0);
    }

    private int LastHostEventCounter()
    {
        for (var c = Count - 1; c >= 3; c--)
        {
            if ((c - 3) % _group != 0)
            {
                return c;
            }
        }
        return -1;
    }

    private static string TaskName(int index) => index == 0 ? "Gathering Facts" : $"Harden step {index.ToString(CultureInfo.InvariantCulture)}";

    private static string Banner(string title) => title + " " + new string('*', Math.Max(3, 72 - title.Length));

    private string HostLine(string host, bool failed, bool changed)
    {
        var (color, word) = failed ? (Red, "fatal") : changed ? (Yellow, "changed") : (Green, "ok");
        var head = failed ? $"{word}: [{host}]: FAILED! => {{\"msg\": \"" : $"{word}: [{host}] => {{\"msg\": \"";
        const string Tail = "\"}";
        var fill = failed ? "Step failed as scripted" : "done";
        var fixedLength = color.Length + head.Length + Tail.Length + Reset.Length;
        if (_stdoutBytes > fixedLength + fill.Length)
        {
            fill = new string('x', _stdoutBytes - fixedLength);
        }
        return color + head + fill + Tail + Reset;
    }

    private string Recap()
    {
        var sb = new StringBuilder("\r\n").Append(Banner("PLAY RECAP"));
        for (var i = 0; i < _hosts.Count; i++)
        {
            var (ok, changed, failures) = HostCounts(i);
            sb.Append("\r\n").Append(_hosts[i].PadRight(26)).Append(CultureInfo.InvariantCulture,
                $": ok={ok}    changed={changed}    unreachable=0    failed={failures}    skipped=0    rescued=0    ignored=0   ");
        }
        return sb.ToString();
    }
}
