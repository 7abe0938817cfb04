using System.Collections.Generic;

namespace AapPacker.Engine.Api.Resources;

/// <summary>A page of job events and the link to the next page.</summary>
internal sealed class JobEventPage
{
    /// <summary>Creates one.</summary>
    public JobEventPage(IReadOnlyList<JobEvent> events, string? next)
    {
        Events = events ?? new List<JobEvent>();
        Next = next;
    }

    /// <summary>The events, as AAP ordered them.</summary>
    public IReadOnlyList<JobEvent> Events { get; }

    /// <summary>The next page's link (pass to <see cref="JobEventsResource.NextPageAsync"/>), or null on the last page.</summary>
    public string? Next { get; }
}
