using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;

namespace AapPacker.Commands;

/// <summary>
/// What Start-AapJobTemplate and Start-AapWorkflowJobTemplate share: the parameters both take, reading them on the
/// pipeline thread and the launch through <see cref="TemplateStart"/>. Each subclass adds its template parameter and
/// what only its kind of template takes (<see cref="Configure"/>).
/// </summary>
public abstract class StartAapTemplateCommandBase : AapConnectedCmdlet
{
    /// <summary>The organization whose template of that name is meant, when two organizations have one (name or id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string? Organization { get; set; }

    /// <summary>The inventory (object, host, id or name); from the pipeline.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Inventory { get; set; }

    /// <summary>
    /// AAP credentials (objects, ids or names); a workflow refuses them (AAP cannot pass credentials to a workflow at
    /// launch, and they are never dropped silently).
    /// </summary>
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

    /// <summary>The template parameter's value (name or id).</summary>
    private protected abstract object Template { get; }

    /// <summary>True for a workflow job template.</summary>
    private protected abstract bool IsWorkflow { get; }

    internal override object? ErrorTarget => Template;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        await ErrorRecordFactory.GuardAsync(async () =>
        {
            // Pipeline-bound values change per record: take them on the pipeline thread.
            var (request, inventory) = await InvokeOnPipelineThreadAsync(BuildRequest).ConfigureAwait(false);
            await TemplateStart.RunAsync(this, request, inventory, cancellationToken).ConfigureAwait(false);
        }, () => Template).ConfigureAwait(false);
    }

    /// <summary>Adds what only this kind of template takes to the request (on the pipeline thread).</summary>
    private protected virtual void Configure(TemplateLaunchRequest request)
    {
    }

    private (TemplateLaunchRequest Request, object? Inventory) BuildRequest()
    {
        var request = new TemplateLaunchRequest
        {
            Template = NameOrIdAttribute.ToReference(Template) ?? NameOrId.FromText(""),
            Organization = Organization,
            IsWorkflow = IsWorkflow,
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

        // A workflow's are passed on too, so the engine refuses them with WorkflowCredentialPolicy's error (after
        // resolving the workflow).
        request.Credentials = TemplateStart.CredentialKeys(AapCredential);
        Configure(request);
        return (request, Inventory);
    }
}
