using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands.Listing;

/// <summary>The body of <c>Get-AapJobTemplate</c> and <c>Get-AapWorkflowJobTemplate</c>.</summary>
internal static class TemplateListing
{
    /// <summary>Writes the templates with the given names (or patterns) or ids, optionally of one organization.</summary>
    public static async Task RunAsync(AapConnectedCmdlet cmdlet, bool isWorkflow, string[]? names, int[]? ids, string? organization, CancellationToken cancellationToken)
    {
        var queries = new TemplateQueries(new AapClientApi(cmdlet.ResolveClient()));
        var noun = isWorkflow ? "workflow job template" : "job template";
        if (ids != null)
        {
            foreach (var id in ids)
            {
                try
                {
                    cmdlet.QueueObject(await queries.GetAsync(isWorkflow, NameOrId.FromId(id), null, cancellationToken).ConfigureAwait(false));
                }
                catch (AapProvisioningException e)
                {
                    cmdlet.QueueError(ErrorRecordFactory.Create(e, id));
                }
            }

            return;
        }

        foreach (var filter in NameFilter.From(names))
        {
            var found = false;
            await foreach (var template in queries.ListAsync(isWorkflow, filter.ExactName, organization, cancellationToken).ConfigureAwait(false))
            {
                if (filter.Matches(template.Name))
                {
                    found = true;
                    cmdlet.QueueObject(template);
                }
            }

            if (!found && filter.ExactName != null)
            {
                var where = organization is null ? "" : $" in organization '{organization}'";
                cmdlet.QueueError(AapErrorMapper.Create(
                    new ItemNotFoundException($"There is no {noun} named '{filter.Text}'{where} (or you cannot see it)."),
                    AapErrorIds.NotFound, ErrorCategory.ObjectNotFound, filter.Text,
                    string.Format(CultureInfo.InvariantCulture, "Check -Name (names are case-sensitive; '*' lists every {0}){1}.", noun,
                        organization is null ? "" : ", or leave out -Organization")));
            }
        }
    }
}
