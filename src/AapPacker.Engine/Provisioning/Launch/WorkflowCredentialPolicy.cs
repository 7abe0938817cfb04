namespace AapPacker.Engine.Provisioning;

/// <summary>
/// How AapPacker handles credentials for workflow job templates. AAP's workflow launch has no <c>credentials</c>
/// field and drops one silently (aap-api.md §6.5; awx#7859), so a temporary Machine credential cannot reach the
/// workflow's job templates at launch. Editing the workflow's nodes to attach it would change a shared object
/// that parallel builds also launch. The safe path: a workflow run creates the temporary inventory and host only,
/// and requires <c>-NoCredential</c> — the job templates inside the workflow must carry their own Machine
/// credential (e.g. a build key that the image's first boot trusts). Passing credentials to a workflow is refused,
/// never dropped.
/// </summary>
internal static class WorkflowCredentialPolicy
{
    /// <summary>The error id.</summary>
    public const string ErrorId = nameof(ProvisioningErrorKind.WorkflowCannotTakeCredentials);

    /// <summary>The error kind.</summary>
    public const ProvisioningErrorKind Kind = ProvisioningErrorKind.WorkflowCannotTakeCredentials;

    /// <summary>What to do.</summary>
    public const string Action =
        $"Give the job templates inside the workflow their own Machine credential and pass {Fields.NoCredential}, or launch a job template directly with {Fields.JobTemplate}.";

    /// <summary>The message.</summary>
    public static string Message(string workflowName)
        => $"AAP cannot pass credentials to a workflow job template at launch ('{workflowName}'): it would drop them silently and the workflow's job templates would run with their own credentials.";
}
