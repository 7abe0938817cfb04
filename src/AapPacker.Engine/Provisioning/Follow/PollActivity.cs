namespace AapPacker.Engine.Provisioning;

/// <summary>What one poll of a followed job saw; it decides how soon the next poll comes (<see cref="JobFollower.NextInterval"/>).</summary>
internal enum PollActivity
{
    /// <summary>Nothing new: back off towards the slowest interval.</summary>
    Quiet,

    /// <summary>New output lines, or lines held at a fresh gap (<see cref="JobFollower.Activity"/>): come back sooner (halve the
    /// interval), so a steady stream is followed at the fastest.</summary>
    Output,

    /// <summary>
    /// The status changed, the job is terminal but its last events are not read yet (AAP stores them moments later),
    /// or the recap is out while the job is not terminal yet (AWX ends it right after): fastest.
    /// </summary>
    Ending,
}
