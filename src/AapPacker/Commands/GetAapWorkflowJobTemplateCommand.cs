using System.Management.Automation;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Lists AAP workflow job templates: name, organization, and what each prompts for on launch.
/// -Name takes names or wildcard patterns; -Organization keeps those of one organization
/// (names are unique only within an organization); -Id gets templates by id. AsksInventory and AsksCredential show
/// whether a build can launch the template (Invoke-AapPackerProvision sends an inventory, and a credential unless
/// -NoCredential is given).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AapWorkflowJobTemplate", DefaultParameterSetName = NameSet)]
[OutputType(typeof(AapJobTemplate))]
public sealed class GetAapWorkflowJobTemplateCommand : GetAapTemplateCommandBase
{
    /// <summary>Names or wildcard patterns (default: all).</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowJobTemplateNameCompleter))]
    public string[]? Name { get; set; }

    private protected override string[]? Names => Name;

    private protected override bool IsWorkflow => true;
}
