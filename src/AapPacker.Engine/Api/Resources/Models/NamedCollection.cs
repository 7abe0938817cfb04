namespace AapPacker.Engine.Api.Resources;

/// <summary>The collections whose objects are found by name or id (see <see cref="NamedObjectsResource"/>).</summary>
internal enum NamedCollection
{
    /// <summary><c>organizations/</c>.</summary>
    Organizations,

    /// <summary><c>inventories/</c>.</summary>
    Inventories,

    /// <summary><c>credentials/</c>.</summary>
    Credentials,

    /// <summary><c>job_templates/</c>.</summary>
    JobTemplates,

    /// <summary><c>workflow_job_templates/</c>.</summary>
    WorkflowJobTemplates,

    /// <summary><c>labels/</c>.</summary>
    Labels,

    /// <summary><c>execution_environments/</c>.</summary>
    ExecutionEnvironments,

    /// <summary><c>instance_groups/</c>.</summary>
    InstanceGroups,
}
