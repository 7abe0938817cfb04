namespace AapPacker.Infrastructure;

/// <summary>Completes organization names.</summary>
public sealed class OrganizationNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public OrganizationNameCompleter()
        : base(CompletedKind.Organization, connectsFromEnvironment: true)
    {
    }
}
