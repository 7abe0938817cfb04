using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Turns "name or id" into an id for organizations, templates, labels, execution environments and instance groups.
/// A number is an id (checked to exist); anything else is an exact name (exactly one match, else a clear error).
/// </summary>
internal sealed class NamedObjectResolver
{
    private readonly IAapApi _api;

    /// <summary>Creates a resolver.</summary>
    public NamedObjectResolver(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Resolves an organization (controller ids: on AAP 2.5+ gateway org ids differ).</summary>
    public Task<ResolvedObject> OrganizationAsync(string nameOrId, CancellationToken cancellationToken)
        => ResolveAsync(NamedCollection.Organizations, "organization", Fields.Organization, nameOrId, cancellationToken);

    /// <summary>Resolves a job template (see <see cref="TemplateAsync"/>).</summary>
    public Task<ResolvedObject> JobTemplateAsync(NameOrId reference, int? organizationId, CancellationToken cancellationToken)
        => TemplateAsync(false, reference, Task.FromResult(organizationId), cancellationToken);

    /// <summary>Resolves a workflow job template (see <see cref="TemplateAsync"/>).</summary>
    public Task<ResolvedObject> WorkflowJobTemplateAsync(NameOrId reference, int? organizationId, CancellationToken cancellationToken)
        => TemplateAsync(true, reference, Task.FromResult(organizationId), cancellationToken);

    /// <summary>
    /// Resolves a job template or a workflow job template while <paramref name="organizationId"/> (the organization
    /// that picks among namesakes, or null) may still be looked up: the template's lookup goes out at once, and the
    /// organization's error, if any, is the one reported.
    /// </summary>
    public Task<ResolvedObject> TemplateAsync(bool isWorkflow, NameOrId reference, Task<int?> organizationId, CancellationToken cancellationToken)
        => isWorkflow
            ? TemplateAsync(NamedCollection.WorkflowJobTemplates, "workflow job template", Fields.WorkflowJobTemplate, reference, organizationId, cancellationToken)
            : TemplateAsync(NamedCollection.JobTemplates, "job template", Fields.JobTemplate, reference, organizationId, cancellationToken);

    /// <summary>The id of an organization given by name or id, or null when none was given (blank).</summary>
    public async Task<int?> OrganizationIdAsync(string? nameOrId, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(nameOrId) ? null : (await OrganizationAsync(nameOrId!, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>
    /// Resolves a template as <c>ansible.controller.job_launch</c> does: an id given as a number is that id; a name is
    /// looked up within the organization when one is given (template names are unique per organization), then across
    /// every organization the user can see (so a template shared from another organization is still found); text of
    /// digits that names nothing is read as an id. Two templates of that name outside the organization are an error
    /// that lists their organizations.
    /// </summary>
    /// <remarks>
    /// One lookup by name across every organization serves both steps (its matches in the organization are those
    /// the organization-scoped lookup would find), so it need not wait for the organization's id.
    /// </remarks>
    private async Task<ResolvedObject> TemplateAsync(NamedCollection endpoint, string noun, string parameter, NameOrId reference, Task<int?> organization, CancellationToken cancellationToken)
    {
        if (NameOrId.IsNullOrBlank(reference))
        {
            await organization.ConfigureAwait(false);
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectMissing, Pascal(noun), $"No {noun} was given.", $"Pass {parameter} with a name or id.");
        }

        if (reference.IsId)
        {
            var byId = ByIdAsync(endpoint, noun, parameter, reference.Id!.Value, cancellationToken);
            await organization.SettlingOnFailureAsync(byId).ConfigureAwait(false);
            return await byId.ConfigureAwait(false);
        }

        var name = reference.Text.Trim();
        var named = NamedAsync(endpoint, name, cancellationToken);
        var organizationId = await organization.SettlingOnFailureAsync(named).ConfigureAwait(false);
        var matches = await named.ConfigureAwait(false);
        if (organizationId.HasValue)
        {
            var inOrganization = matches.FindAll(m => m.OrganizationId == organizationId);
            if (inOrganization.Count == 1)
            {
                return new ResolvedObject(inOrganization[0].Id, name, inOrganization[0].Document);
            }
        }

        if (matches.Count == 1)
        {
            return new ResolvedObject(matches[0].Id, name, matches[0].Document);
        }

        if (matches.Count > 1)
        {
            var where = string.Join(", ", matches.ConvertAll(m =>
            {
                var orgName = m.OrganizationName;
                var orgId = m.OrganizationId;
                var owner = orgName is null && orgId is null
                    ? "no organization"
                    : $"organization '{orgName ?? "?"}' (id {orgId?.ToString(CultureInfo.InvariantCulture) ?? "?"})";
                return $"id {m.Id.ToString(CultureInfo.InvariantCulture)} in {owner}";
            }));
            var first = matches[0].Id;
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectAmbiguous, Pascal(noun),
                $"{matches.Count} {noun}s are named '{name}': {where}.",
                $"Pass {Fields.Organization} with the name of the organization that owns the one you mean, or pass {parameter} with its id as a number (e.g. {parameter} {first.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (reference.DigitsAsId is { } digits)
        {
            return await ByIdAsync(endpoint, noun, parameter, digits, cancellationToken).ConfigureAwait(false);
        }

        var scope = organizationId.HasValue ? " in that organization or any other you can see" : " (or you cannot see it)";
        throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectNotFound, Pascal(noun),
            $"There is no {noun} named '{name}'{scope}.", $"Check {parameter} (names are case-sensitive), or pass its id as a number.");
    }

    /// <summary>Resolves an inventory.</summary>
    public Task<ResolvedObject> InventoryAsync(string nameOrId, CancellationToken cancellationToken)
        => ResolveAsync(NamedCollection.Inventories, "inventory", Fields.Inventory, nameOrId, cancellationToken);

    /// <summary>Resolves a credential.</summary>
    public Task<ResolvedObject> CredentialAsync(string nameOrId, CancellationToken cancellationToken)
        => ResolveAsync(NamedCollection.Credentials, "credential", Fields.Credentials, nameOrId, cancellationToken);

    /// <summary>Resolves a label.</summary>
    public Task<ResolvedObject> LabelAsync(string nameOrId, CancellationToken cancellationToken)
        => ResolveAsync(NamedCollection.Labels, "label", Fields.Labels, nameOrId, cancellationToken);

    /// <summary>Resolves an execution environment.</summary>
    public Task<ResolvedObject> ExecutionEnvironmentAsync(string nameOrId, CancellationToken cancellationToken)
        => ResolveAsync(NamedCollection.ExecutionEnvironments, "execution environment", Fields.ExecutionEnvironment, nameOrId, cancellationToken);

    /// <summary>Resolves an instance group.</summary>
    public Task<ResolvedObject> InstanceGroupAsync(string nameOrId, CancellationToken cancellationToken)
        => ResolveAsync(NamedCollection.InstanceGroups, "instance group", Fields.InstanceGroups, nameOrId, cancellationToken);

    /// <summary>The generic lookup.</summary>
    internal async Task<ResolvedObject> ResolveAsync(NamedCollection endpoint, string noun, string parameter, string nameOrId, CancellationToken cancellationToken)
    {
        var value = (nameOrId ?? "").Trim();
        if (value.Length == 0)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectMissing, Pascal(noun), $"No {noun} was given.", $"Pass {parameter} with a name or id.");
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await ByIdAsync(endpoint, noun, parameter, id, cancellationToken).ConfigureAwait(false);
        }

        var matches = await NamedAsync(endpoint, value, cancellationToken).ConfigureAwait(false);

        if (matches.Count == 0)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectNotFound, Pascal(noun),
                $"There is no {noun} named '{value}' (or you cannot see it).", $"Check {parameter} (names are case-sensitive), or pass the id.");
        }

        if (matches.Count > 1)
        {
            var ids = string.Join(", ", matches.ConvertAll(m => m.Id.ToString(CultureInfo.InvariantCulture)));
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectAmbiguous, Pascal(noun),
                $"{matches.Count} {noun}s are named '{value}' (ids {ids}).", $"Pass {parameter} with the id instead.");
        }

        return new ResolvedObject(matches[0].Id, value, matches[0].Document);
    }

    private async Task<ResolvedObject> ByIdAsync(NamedCollection endpoint, string noun, string parameter, int id, CancellationToken cancellationToken)
    {
        var value = id.ToString(CultureInfo.InvariantCulture);
        try
        {
            var item = await _api.Named(endpoint).GetAsync(id, cancellationToken).ConfigureAwait(false);
            return new ResolvedObject(id, item.Name ?? value, item.Document);
        }
        catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ObjectNotFound, Pascal(noun),
                $"There is no {noun} with id {value} (or you cannot see it).", $"Check {parameter}; list them in AAP or pass the name.", e);
        }
    }

    private async Task<List<NamedObjectRecord>> NamedAsync(NamedCollection endpoint, string name, CancellationToken cancellationToken)
    {
        var matches = new List<NamedObjectRecord>();
        await foreach (var item in _api.Named(endpoint).ListByNameAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(item.Name, name, StringComparison.Ordinal))
            {
                matches.Add(item);
            }
        }

        return matches;
    }

    private static string Pascal(string noun)
    {
        var parts = noun.Split(' ');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length == 0 ? "" : char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
        }

        return string.Concat(parts);
    }
}
