using System.Globalization;
using System.Text.RegularExpressions;
using AapPacker.Simulator.Jobs;

namespace AapPacker.Simulator.Runner;

/// <summary>
/// Turns the lines of ansible-playbook's default (human) output into AWX-style job events, as the AWX callback
/// would have emitted them: PLAY/TASK banners start <c>playbook_on_play_start</c>/<c>playbook_on_task_start</c>,
/// host result lines start <c>runner_on_ok</c>/<c>_failed</c>/<c>_unreachable</c>/<c>_skipped</c>, PLAY RECAP starts
/// <c>playbook_on_stats</c>; indented continuation lines belong to the event before them, blank lines to the
/// banner after them (AWX's "\r\nTASK [...]"). An event is complete only when the next one starts (or at the end),
/// so its lines never change once published. Counters start at 1 (<c>playbook_on_start</c>, no output).
/// </summary>
internal sealed partial class AnsibleOutputParser
{
    private readonly List<string> _blankLines = [];
    private readonly List<RecapLine> _recap = [];
    private Draft? _current;
    private int _counter;
    private int _line;
    private string _play = "";
    private string _task = "";
    private int _taskCounter;

    public IReadOnlyList<RecapLine> Recap => _recap;

    [GeneratedRegex(@"^PLAY \[(?<name>.*)\] \**$", RegexOptions.CultureInvariant)]
    private static partial Regex PlayBanner();

    [GeneratedRegex(@"^(?:TASK|RUNNING HANDLER) \[(?<name>.*)\] \**$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskBanner();

    [GeneratedRegex(@"^PLAY RECAP \**$", RegexOptions.CultureInvariant)]
    private static partial Regex RecapBanner();

    [GeneratedRegex(@"^(?<word>ok|changed|fatal|failed|skipping): \[(?<host>[^\]\s]+)(?: -> [^\]]+)?\](?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HostResult();

    [GeneratedRegex(@"^(?<host>\S+)\s*:\s*ok=(?<ok>\d+)\s+changed=(?<changed>\d+)\s+unreachable=(?<unreachable>\d+)\s+failed=(?<failed>\d+)(?:\s+skipped=(?<skipped>\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex RecapRow();

    /// <summary>The first event, <c>playbook_on_start</c>, which has no output.</summary>
    public RecordedDraft Start() => new(new JobEvent(++_counter, "playbook_on_start", "", 0, 0, null, "", "", false, false, 0), 0);

    /// <summary>Feeds one output line; returns the event it completed, if any.</summary>
    public RecordedDraft? Feed(string line)
    {
        line = line.TrimEnd('\r');
        if (line.Trim().Length == 0)
        {
            _blankLines.Add("");
            return null;
        }
        if (PlayBanner().Match(line) is { Success: true } play)
        {
            _play = play.Groups["name"].Value;
            _task = "";
            return Begin(new Draft("playbook_on_play_start", 1), line);
        }
        if (TaskBanner().Match(line) is { Success: true } task)
        {
            _task = task.Groups["name"].Value;
            var done = Begin(new Draft("playbook_on_task_start", 2), line);
            _taskCounter = _counter;
            return done;
        }
        if (RecapBanner().IsMatch(line))
        {
            _task = "";
            return Begin(new Draft("playbook_on_stats", 1), line);
        }
        if (_current?.Name == "playbook_on_stats")
        {
            if (RecapRow().Match(line) is { Success: true } row)
            {
                _recap.Add(new RecapLine(row.Groups["host"].Value, Int(row, "ok"), Int(row, "changed"), Int(row, "unreachable"),
                    Int(row, "failed"), row.Groups["skipped"].Success ? Int(row, "skipped") : 0));
            }
            Append(line);
            return null;
        }
        if (HostResult().Match(line) is { Success: true } result)
        {
            var word = result.Groups["word"].Value;
            var unreachable = word == "fatal" && result.Groups["rest"].Value.Contains("UNREACHABLE!", StringComparison.Ordinal);
            var name = word switch
            {
                "fatal" or "failed" => unreachable ? "runner_on_unreachable" : "runner_on_failed",
                "skipping" => "runner_on_skipped",
                _ => "runner_on_ok",
            };
            var draft = new Draft(name, 3)
            {
                Host = result.Groups["host"].Value,
                Failed = name is "runner_on_failed" or "runner_on_unreachable",
                Changed = word == "changed",
            };
            return Begin(draft, line);
        }
        if (_current is null)
        {
            // Output before the first play (warnings): AWX records it as verbose events.
            return Begin(new Draft("verbose", 0), line);
        }
        Append(line);
        return null;
    }

    /// <summary>The last event, once the output has ended.</summary>
    public RecordedDraft? Finish()
    {
        if (_current is null)
        {
            return null;
        }
        _current.Lines.AddRange(_blankLines);
        _blankLines.Clear();
        var done = Publish(_current);
        _current = null;
        return done;
    }

    private RecordedDraft? Begin(Draft next, string firstLine)
    {
        RecordedDraft? done = null;
        if (_current is not null)
        {
            // Blank lines before a banner belong to it (AWX: "\r\nTASK [...]"); before a host line, to the event before.
            if (next.Level == 3)
            {
                _current.Lines.AddRange(_blankLines);
                _blankLines.Clear();
            }
            done = Publish(_current);
        }
        next.Lines.AddRange(_blankLines);
        _blankLines.Clear();
        next.Lines.Add(firstLine);
        next.Play = _play;
        next.Task = _task;
        next.TaskStartCounter = next.Level == 3 ? _taskCounter : 0;
        next.Counter = ++_counter;
        _current = next;
        return done;
    }

    private void Append(string line)
    {
        _current!.Lines.AddRange(_blankLines);
        _blankLines.Clear();
        _current.Lines.Add(line);
    }

    private RecordedDraft Publish(Draft d)
    {
        var start = _line;
        _line += d.Lines.Count;
        var e = new JobEvent(d.Counter, d.Name, string.Join("\r\n", d.Lines), start, _line, d.Host, d.Play, d.Task, d.Failed, d.Changed, d.Level);
        return new RecordedDraft(e, d.TaskStartCounter);
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private sealed class Draft(string name, int level)
    {
        public string Name { get; } = name;
        public int Level { get; } = level;
        public List<string> Lines { get; } = [];
        public string? Host { get; init; }
        public bool Failed { get; init; }
        public bool Changed { get; init; }
        public string Play { get; set; } = "";
        public string Task { get; set; } = "";
        public int Counter { get; set; }
        public int TaskStartCounter { get; set; }
    }
}

/// <summary>A completed event from the parser, before the run stamps it with a time.</summary>
internal sealed record RecordedDraft(JobEvent Event, int TaskStartCounter);
