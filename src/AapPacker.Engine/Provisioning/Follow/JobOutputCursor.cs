using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Streams a job's output from its events with the awx CLI's algorithm (aap-api.md §7.4): ask for events with
/// <c>start_line ≥ next</c> in <c>start_line</c> order, untruncated (<c>no_truncate</c>), 200 a page; print an event
/// only when it starts exactly at the next line, stop at the first gap and retry on the next poll (AAP stores events
/// out of order), follow <c>next</c> while pages are full. A gap that outlives <see cref="GapTimeout"/> — or any gap
/// once AAP says all events are stored — is skipped with a notice, so one lost event cannot stall the stream.
/// Never reads <c>stdout/</c> (1 MiB display limit, and it re-reads every event on each call).
/// </summary>
internal sealed class JobOutputCursor
{
    /// <summary>The page size asked for (AAP's maximum).</summary>
    public const int PageSize = 200;

    /// <summary>Pages read in one call at most, so a status check comes between long backlogs.</summary>
    public const int MaxPagesPerRead = 50;

    private static readonly Regex Ansi = new Regex(@"\x1B(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])", RegexOptions.CultureInvariant);

    private readonly TimeProvider _time;
    private DateTimeOffset? _gapSince;

    /// <summary>Creates a cursor for one job.</summary>
    public JobOutputCursor(int jobId, TimeSpan gapTimeout, TimeProvider? timeProvider = null)
    {
        JobId = jobId;
        GapTimeout = gapTimeout;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The job.</summary>
    public int JobId { get; }

    /// <summary>How long a gap may stay open before it is skipped.</summary>
    public TimeSpan GapTimeout { get; }

    /// <summary>The next line expected (0-based).</summary>
    public long NextLine { get; private set; }

    /// <summary>Lines emitted so far.</summary>
    public long LinesEmitted { get; private set; }

    /// <summary>
    /// True once the <c>playbook_on_stats</c> event (the recap, a playbook's last event) has been emitted: every
    /// line before it has been too, so the output is complete without waiting for <c>event_processing_finished</c>.
    /// </summary>
    public bool RecapEmitted { get; private set; }

    /// <summary>The emitted recap's counts per host (<see cref="JobEvent.RecapHosts"/>), or null.</summary>
    public IReadOnlyList<JobHostSummary>? RecapHosts { get; private set; }

    /// <summary>
    /// True when the last <see cref="ReadAsync(IAapApi, bool, Action{JobOutputLine}, CancellationToken)"/> read
    /// everything AAP had (it ended on a short page or a gap), false when it stopped at
    /// <see cref="MaxPagesPerRead"/> with more to read.
    /// </summary>
    public bool CaughtUp { get; private set; }

    /// <summary>True when the last page stopped at a gap.</summary>
    public bool AtGap => _gapSince.HasValue;

    /// <summary>How long the last page has been stopping at the same gap, or null when it did not stop at one.</summary>
    public TimeSpan? GapAge => _gapSince is { } since ? _time.GetUtcNow() - since : (TimeSpan?)null;

    /// <summary>
    /// Takes one page and returns the lines that can be emitted now. <paramref name="allEventsStored"/> = AAP reports
    /// event processing finished (or the job ended in a state that never finishes it): a remaining gap is permanent
    /// and is skipped at once. <paramref name="continueWith"/> is the page's <c>next</c> link when the page was full
    /// and no gap stopped it.
    /// </summary>
    public IReadOnlyList<JobOutputLine> Absorb(JobEventPage page, bool allEventsStored, out string? continueWith)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        continueWith = null;
        var lines = new List<JobOutputLine>();
        var events = page.Events.Select(e => (Start: e.StartLine, End: Math.Max(e.StartLine, e.EndLine), e.Counter, e.Stdout, Recap: e.IsRecap, e.RecapHosts)).ToList();

        var stoppedAtGap = false;
        foreach (var e in events.OrderBy(e => e.Start).ThenBy(e => e.Counter))
        {
            if (e.Start < 0 || e.End <= NextLine && !(e.Start == NextLine && e.End == NextLine))
            {
                continue; // already emitted (a duplicate after a page shift)
            }

            if (e.Start > NextLine)
            {
                var now = _time.GetUtcNow();
                _gapSince ??= now;
                if (!allEventsStored && now - _gapSince.Value < GapTimeout)
                {
                    stoppedAtGap = true;
                    break;
                }

                lines.Add(new JobOutputLine(JobId, -1,
                    $"[AapPacker: output lines {NextLine + 1}-{e.Start} were never stored by AAP and are skipped]", JobOutputLineKind.Notice));
                NextLine = e.Start;
            }

            _gapSince = null;
            Emit(e.Start, e.End, e.Stdout, lines);
            NextLine = Math.Max(NextLine, e.End);
            RecapEmitted |= e.Recap;
            RecapHosts = e.RecapHosts ?? RecapHosts;
        }

        if (!stoppedAtGap)
        {
            _gapSince = null;
            if (events.Count >= PageSize)
            {
                continueWith = page.Next;
            }
        }

        return lines;
    }

    /// <summary>Fetches pages from the current position until a gap, a short page or the end; returns what can be emitted.</summary>
    public async Task<IReadOnlyList<JobOutputLine>> ReadAsync(IAapApi api, bool allEventsStored, CancellationToken cancellationToken)
    {
        var all = new List<JobOutputLine>();
        await ReadAsync(api, allEventsStored, all.Add, cancellationToken).ConfigureAwait(false);
        return all;
    }

    /// <summary>
    /// Like <see cref="ReadAsync(IAapApi, bool, CancellationToken)"/>, but hands each page's lines to
    /// <paramref name="emit"/> before fetching the next page, so a big backlog is never held in memory at once.
    /// Returns the number of lines emitted.
    /// </summary>
    public async Task<int> ReadAsync(IAapApi api, bool allEventsStored, Action<JobOutputLine> emit, CancellationToken cancellationToken)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        if (emit is null)
        {
            throw new ArgumentNullException(nameof(emit));
        }

        var count = 0;
        var events = api.JobEvents();
        var page = await events.PageAsync(JobId, NextLine, PageSize, cancellationToken).ConfigureAwait(false);
        string? path = null;
        var pages = 0;
        while (true)
        {
            foreach (var line in Absorb(page, allEventsStored, out path))
            {
                emit(line);
                count++;
            }

            pages++;
            if (path is null || pages >= MaxPagesPerRead)
            {
                break;
            }

            page = await events.NextPageAsync(path, cancellationToken).ConfigureAwait(false);
        }

        CaughtUp = path is null;
        return count;
    }

    private void Emit(long start, long end, string stdout, List<JobOutputLine> lines)
    {
        if (end == start)
        {
            return;
        }

        var text = stdout.Replace("\r\n", "\n").Replace('\r', '\n');
        if (text.EndsWith("\n", StringComparison.Ordinal))
        {
            text = text.Substring(0, text.Length - 1);
        }

        var parts = text.Split('\n');
        for (var i = 0; i < parts.Length; i++)
        {
            lines.Add(new JobOutputLine(JobId, start + i, Ansi.Replace(parts[i], "")));
            LinesEmitted++;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"job {JobId} output at line {NextLine}{(AtGap ? " (waiting at a gap)" : "")}";
}
