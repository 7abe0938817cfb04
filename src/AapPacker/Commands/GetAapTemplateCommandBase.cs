using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Listing;
using AapPacker.Infrastructure;

namespace AapPacker.Commands;

/// <summary>
/// What Get-AapJobTemplate and Get-AapWorkflowJobTemplate share: -Organization, -Id and the listing through
/// <see cref="TemplateListing"/>. Each subclass adds -Name (with the completer for its kind of template).
/// </summary>
public abstract class GetAapTemplateCommandBase : AapConnectedCmdlet
{
    /// <summary>The parameter set of -Name (the default).</summary>
    private protected const string NameSet = "Name";

    private const string IdSet = "Id";

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

    /// <summary>The -Name parameter's value: names or wildcard patterns (null: all).</summary>
    private protected abstract string[]? Names { get; }

    /// <summary>True for workflow job templates.</summary>
    private protected abstract bool IsWorkflow { get; }

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var (names, ids, organization) = await InvokeOnPipelineThreadAsync(() => (Names, Id, Organization)).ConfigureAwait(false);
        await TemplateListing.RunAsync(this, IsWorkflow, names, ids, organization, cancellationToken).ConfigureAwait(false);
    }
}
