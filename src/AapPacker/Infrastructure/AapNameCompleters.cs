namespace AapPacker.Infrastructure
{
    /// <summary>Completes job template names: <c>[ArgumentCompleter(typeof(JobTemplateNameCompleter))]</c>.</summary>
    public sealed class JobTemplateNameCompleter : AapNameCompleter
    {
        /// <inheritdoc />
        protected override string ListPath => "job_templates/";
    }

    /// <summary>Completes workflow job template names.</summary>
    public sealed class WorkflowJobTemplateNameCompleter : AapNameCompleter
    {
        /// <inheritdoc />
        protected override string ListPath => "workflow_job_templates/";
    }

    /// <summary>Completes organization names.</summary>
    public sealed class OrganizationNameCompleter : AapNameCompleter
    {
        /// <inheritdoc />
        protected override string ListPath => "organizations/";
    }

    /// <summary>Completes inventory names.</summary>
    public sealed class InventoryNameCompleter : AapNameCompleter
    {
        /// <inheritdoc />
        protected override string ListPath => "inventories/";
    }
}
