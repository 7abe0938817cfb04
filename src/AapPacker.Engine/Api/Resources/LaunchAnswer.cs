using System.Collections.Generic;

namespace AapPacker.Engine.Api.Resources;

/// <summary>What <c>POST …/launch/</c> answered: the job it made and the fields AAP ignored.</summary>
internal sealed class LaunchAnswer
{
    /// <summary>Creates one.</summary>
    public LaunchAnswer(JobRecord job, IReadOnlyList<string> ignoredFields, bool reconciled)
    {
        Job = job;
        IgnoredFields = ignoredFields;
        Reconciled = reconciled;
    }

    /// <summary>True when the answer was lost and the job was found on the build's inventory instead.</summary>
    public bool Reconciled { get; }

    /// <summary>The job (or workflow job) AAP made.</summary>
    public JobRecord Job { get; }

    /// <summary>Launch fields AAP ignored (the template does not prompt for them), by their payload keys.</summary>
    public IReadOnlyList<string> IgnoredFields { get; }
}
