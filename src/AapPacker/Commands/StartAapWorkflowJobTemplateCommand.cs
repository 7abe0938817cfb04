using System.Management.Automation;
using AapPacker.Commands.Shared;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Launches an AAP workflow job template against the build's inventory and returns the workflow job.
/// Checks the workflow's launch requirements first. Credentials cannot be passed to a
/// workflow at launch (AAP would drop them silently), so -AapCredential is refused with the fix.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AapWorkflowJobTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJob))]
public sealed class StartAapWorkflowJobTemplateCommand : StartAapTemplateCommandBase
{
    /// <summary>The workflow job template (name or id).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowJobTemplateNameCompleter))]
    public object WorkflowJobTemplate { get; set; } = "";

    private protected override object Template => WorkflowJobTemplate;

    private protected override bool IsWorkflow => true;
}
