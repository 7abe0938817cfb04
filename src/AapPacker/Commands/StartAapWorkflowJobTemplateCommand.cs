using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// <para type="synopsis">Launches an AAP workflow job template against the build's inventory and returns the workflow job.</para>
/// <para type="description">Checks the workflow's launch requirements first. Credentials cannot be passed to a
/// workflow at launch (AAP would drop them silently), so -AapCredential is refused with the fix.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AapWorkflowJobTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJob))]
public sealed class StartAapWorkflowJobTemplateCommand : AapConnectedCmdlet
{
    /// <summary>The workflow job template (name or id).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowJobTemplateNameCompleter))]
    public object WorkflowJobTemplate { get; set; } = "";

    /// <summary>The organization whose template of that name is meant, when two organizations have one (name or id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string? Organization { get; set; }

    /// <summary>The inventory (object, host, id or name); from the pipeline.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Inventory { get; set; }

    /// <summary>Refused: AAP cannot pass credentials to a workflow at launch (never dropped silently).</summary>
    [Parameter]
    [Alias("Credentials")]
    [ValidateNotNull]
    public object[]? AapCredential { get; set; }

    /// <summary>Extra variables: a hashtable or object (ConvertFrom-Json/ConvertFrom-Yaml), JSON or YAML text, or @file.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? ExtraVars { get; set; }

    /// <summary>Host pattern limit.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Limit { get; set; }

    /// <summary>Tags to run.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Tag { get; set; }

    /// <summary>Tags to skip.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SkipTag { get; set; }

    /// <summary>Labels (names or ids).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Source control branch.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScmBranch { get; set; }

    internal override object? ErrorTarget => WorkflowJobTemplate;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        await ErrorRecordFactory.GuardAsync(async () =>
        {
            // Pipeline-bound values change per record: take them on the pipeline thread.
            var (request, inventory) = await InvokeOnPipelineThreadAsync(BuildRequest).ConfigureAwait(false);
            await TemplateStart.RunAsync(this, request, inventory, cancellationToken).ConfigureAwait(false);
        }, () => WorkflowJobTemplate).ConfigureAwait(false);
    }

    private (TemplateLaunchRequest Request, object? Inventory) BuildRequest()
    {
        var request = new TemplateLaunchRequest
        {
            Template = NameOrIdAttribute.ToReference(WorkflowJobTemplate) ?? NameOrId.FromText(""),
            Organization = Organization,
            IsWorkflow = true,
            ExtraVars = ExtraVarsInput.Read(this, ExtraVars),
            Labels = new List<string>(Label ?? System.Array.Empty<string>()),
            Launch = new LaunchRequest
            {
                Limit = Limit,
                JobTags = Tag is null ? null : string.Join(",", Tag),
                SkipTags = SkipTag is null ? null : string.Join(",", SkipTag),
                ScmBranch = ScmBranch,
            },
        };

        // Passed on so the engine refuses them with WorkflowCredentialPolicy's error (after resolving the workflow).
        request.Credentials = TemplateStart.CredentialKeys(AapCredential);
        return (request, Inventory);
    }
}
