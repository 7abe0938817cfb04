using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands.Shared;

/// <summary>
/// The common body of Start-AapJobTemplate and Start-AapWorkflowJobTemplate: resolve the piped inventory (or host),
/// ask ShouldProcess, and hand everything to <see cref="TemplateLauncher"/> (preflight, merge, launch, verify).
/// </summary>
internal static class TemplateStart
{
    /// <summary>Credentials given as objects, ids or names, as the names-or-ids the engine resolves.</summary>
    public static List<string> CredentialKeys(object[]? credentials)
    {
        var keys = new List<string>();
        foreach (var item in credentials ?? System.Array.Empty<object>())
        {
            var value = PipelineValues.Unwrap(item);
            var key = value switch
            {
                AapMachineCredential machine => machine.Id.ToString(CultureInfo.InvariantCulture),
                string text => text,
                _ => (PipelineValues.AsId(value) ?? PipelineValues.IdProperty(item))?.ToString(CultureInfo.InvariantCulture),
            };
            if (string.IsNullOrWhiteSpace(key))
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidAapCredential,
                    $"-AapCredential got a {value?.GetType().Name ?? "null"}, which is not a credential.",
                    "Pass credentials from New-AapTempCredential, or credential ids or names.");
            }

            keys.Add(key!);
        }

        return keys;
    }

    /// <summary>Launches (after ShouldProcess) and writes the job.</summary>
    public static async Task RunAsync(AapConnectedCmdlet cmdlet, TemplateLaunchRequest request, object? inventory, CancellationToken cancellationToken)
    {
        if (request.IsWorkflow && request.Credentials.Count > 0)
        {
            // Refused before anything happens (-WhatIf included): AAP would drop them silently.
            throw AapProvisioningException.Configuration(WorkflowCredentialPolicy.Kind, WorkflowCredentialPolicy.Message(request.Template.Text), WorkflowCredentialPolicy.Action);
        }

        var api = new AapClientApi(cmdlet.ResolveClient());
        var where = "its default inventory";
        if (inventory != null)
        {
            var reference = await InventoryReference.ResolveAsync(api, inventory, cancellationToken).ConfigureAwait(false);
            request.InventoryId = reference.Id;
            request.InventoryIsUnique = reference.IsTemporary;
            request.BuildId = reference.BuildId;
            where = reference.Display;
        }

        var noun = request.IsWorkflow ? "workflow job template" : "job template";
        if (!await cmdlet.ShouldProcessAsync($"{noun} {request.Template}", $"Launch against {where}").ConfigureAwait(false))
        {
            return;
        }

        var job = await new TemplateLauncher(api).StartAsync(request, cancellationToken).ConfigureAwait(false);
        cmdlet.QueueVerbose($"Launched {job}: {job.Url}");
        cmdlet.QueueObject(job);
    }
}
