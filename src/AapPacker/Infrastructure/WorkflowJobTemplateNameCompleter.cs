namespace AapPacker.Infrastructure;

/// <summary>Completes workflow job template names.</summary>
public sealed class WorkflowJobTemplateNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public WorkflowJobTemplateNameCompleter()
        : base(CompletedKind.WorkflowJobTemplate, connectsFromEnvironment: true)
    {
    }
}
