using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Listing;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// <para type="synopsis">Lists AAP workflow job templates: name, organization, and what each prompts for on launch.</para>
/// <para type="description">-Name takes names or wildcard patterns; -Organization keeps those of one organization
/// (names are unique only within an organization); -Id gets templates by id. AsksInventory and AsksCredential show
/// whether a build can launch the template (Invoke-AapPackerProvision sends an inventory, and a credential unless
/// -NoCredential is given).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AapWorkflowJobTemplate", DefaultParameterSetName = NameSet)]
[OutputType(typeof(AapJobTemplate))]
public sealed class GetAapWorkflowJobTemplateCommand : AapConnectedCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    /// <summary>Names or wildcard patterns (default: all).</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowJobTemplateNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only templates of this organization (name or id).</summary>
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string? Organization { get; set; }

    /// <summary>Template ids.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
#pragma warning disable CA1819 // PowerShell binds arrays.
    public int[]? Id { get; set; }
#pragma warning restore CA1819

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var (names, ids, organization) = await InvokeOnPipelineThreadAsync(() => (Name, Id, Organization)).ConfigureAwait(false);
        await TemplateListing.RunAsync(this, isWorkflow: true, names, ids, organization, cancellationToken).ConfigureAwait(false);
    }
}
