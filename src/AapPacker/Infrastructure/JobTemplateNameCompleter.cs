namespace AapPacker.Infrastructure;

/// <summary>Completes job template names: <c>[ArgumentCompleter(typeof(JobTemplateNameCompleter))]</c>.</summary>
public sealed class JobTemplateNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public JobTemplateNameCompleter()
        : base(CompletedKind.JobTemplate, connectsFromEnvironment: true)
    {
    }
}
