using System;

namespace AapPacker.Engine.Provisioning;

/// <summary>How <see cref="JobFollower"/> waits.</summary>
internal sealed class JobFollowOptions
{
    /// <summary>Stop waiting after this long (null = no limit).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Cancel the job when <see cref="Timeout"/> is reached.</summary>
    public bool CancelOnTimeout { get; set; }

    /// <summary>Do not stream output (status and recap only).</summary>
    public bool NoOutput { get; set; }

    /// <summary>Fastest polling (right after launch, while output flows, and once the job is ending).</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Slowest polling on a quiet job. Each poll is a status and an events request, so 5 s keeps a quiet long job at
    /// 24 requests a minute, leaving room for the extra poll a stray line brings (the target is 30).
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Polling once the status is terminal and the recap is not read yet, for <see cref="EndingWindow"/>: AAP stores a
    /// job's last events a moment after <c>finished</c> (usually well under a second), so a build sees its end
    /// sooner; after the window, <see cref="MinPollInterval"/>. At most 20 polls per job, once.
    /// </summary>
    public TimeSpan EndingPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long after the terminal status <see cref="EndingPollInterval"/> applies.</summary>
    public TimeSpan EndingWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait after a terminal status for <c>event_processing_finished</c> (it can stay false forever, awx#9286).</summary>
    public TimeSpan EventProcessingGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a gap in the output (later events stored, an earlier one not yet: AAP stores events out of order)
    /// counts as output for the polling, which then does not back off: the missing event usually follows within a
    /// second or two, and the job is plainly producing output. After the window, the gap counts as quiet.
    /// </summary>
    public TimeSpan GapPollWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a gap in the output may stay open before it is skipped.</summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for <c>canceled</c> after cancelling on timeout.</summary>
    public TimeSpan CancelWait { get; set; } = TimeSpan.FromSeconds(60);
}
