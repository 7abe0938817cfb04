using AapPacker.Simulator.Runner;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Jobs;

/// <summary>
/// The counters of a job's events that are visible at an instant within [from, to], in counter order, without
/// enumerating them: everything up to a watermark is visible; only the last couple of seconds' events (the
/// out-of-order tail) are checked one by one. Counter order equals start_line order.
/// </summary>
internal sealed class VisibleEvents
{
    private static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(2);
    private readonly int _from;
    private readonly int _watermark;
    private readonly List<int> _tail;

    public VisibleEvents(Job job, DateTimeOffset now, int from = 1, int to = int.MaxValue, IJobOutput? output = null)
    {
        Plan = output ?? JobOutput.Of(job);
        var recorded = Plan as RecordedOutput;
        Timeline = new JobTimeline(job, recorded);
        _from = Math.Max(1, from);
        if (recorded is not null)
        {
            // A real run's events are stored as they are recorded: all of them are visible, in order.
            _watermark = Math.Min(to, recorded.Count);
            _tail = [];
            Count = Math.Max(0, _watermark - _from + 1);
            return;
        }
        var emitted = Math.Min(to, Timeline.EmittedCount(now));
        // Events emitted more than MaxLag ago are surely stored; step back one for rounding at the boundary.
        var safe = Math.Min(emitted, Math.Max(0, Timeline.EmittedCount(now - MaxLag) - 1));
        _watermark = safe;
        _tail = [];
        for (var c = Math.Max(_from, safe + 1); c <= emitted; c++)
        {
            if (Timeline.VisibleAt(c) <= now)
            {
                _tail.Add(c);
            }
        }
        Count = Math.Max(0, _watermark - _from + 1) + _tail.Count;
    }

    public JobTimeline Timeline { get; }
    public IJobOutput Plan { get; }
    public int Count { get; }

    /// <summary>The i-th visible counter (0-based, ascending).</summary>
    public int this[int index]
    {
        get
        {
            var head = Math.Max(0, _watermark - _from + 1);
            return index < head ? _from + index : _tail[index - head];
        }
    }

    public IEnumerable<int> All()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }
}
