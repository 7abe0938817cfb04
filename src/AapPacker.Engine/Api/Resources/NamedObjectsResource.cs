using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;

namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// Name-or-id lookups and name suggestions in any <see cref="NamedCollection"/> (organizations, inventories,
/// credentials, templates, labels, execution environments, instance groups): what the name resolver and tab
/// completion ask AAP, as typed records.
/// </summary>
internal class NamedObjectsResource : CollectionResource<NamedObjectRecord>
{
    /// <summary>Wraps <paramref name="api"/> for <paramref name="collection"/>.</summary>
    public NamedObjectsResource(IAapApi api, NamedCollection collection)
        : base(api, Path(collection))
    {
    }

    /// <summary>Every object whose name AAP matches with <c>?name=</c>, following <c>next</c>.</summary>
    public IAsyncEnumerable<NamedObjectRecord> ListByNameAsync(string name, CancellationToken cancellationToken)
        => ListAsync(Collection, NameQuery(name), cancellationToken);

    /// <summary>At most one page of <paramref name="max"/> objects whose name starts with <paramref name="prefix"/>, by name (see <see cref="SuggestQuery"/>).</summary>
    public IAsyncEnumerable<NamedObjectRecord> SuggestAsync(string? prefix, string? organization, int max, CancellationToken cancellationToken)
        => ListAsync(Collection, SuggestQuery(prefix, organization, max), cancellationToken);

    /// <summary>
    /// The suggestion query: <c>name__istartswith</c>, the organization (an id as digits, else its name; never for
    /// organizations themselves), by name, one page of <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<string> SuggestQuery(string? prefix, string? organization, int max)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add("name__istartswith=" + Uri.EscapeDataString(prefix));
        }

        var owner = (organization ?? "").Trim();
        if (Collection != Path(NamedCollection.Organizations) && owner.Length > 0)
        {
            query.Add(int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? "organization=" + Text(id)
                : "organization__name=" + Uri.EscapeDataString(owner));
        }

        query.Add("order_by=name");
        query.Add("page_size=" + Text(max));
        return query;
    }

    /// <summary>The request <see cref="SuggestAsync"/> sends (for tests and diagnostics).</summary>
    public string SuggestPath(string? prefix, string? organization, int max) => WithQuery(Collection, SuggestQuery(prefix, organization, max));

    /// <inheritdoc />
    internal override NamedObjectRecord Map(JsonElement json)
    {
        var organization = json.Path("summary_fields", "organization");
        return new NamedObjectRecord
        {
            Id = json.Int("id") ?? 0,
            Name = json.String("name"),
            OrganizationId = organization?.Int("id") ?? json.Int("organization"),
            OrganizationName = organization?.String("name"),
            Document = json.Clone(),
        };
    }

    private static string Path(NamedCollection collection)
        => collection switch
        {
            NamedCollection.Organizations => "organizations/",
            NamedCollection.Inventories => "inventories/",
            NamedCollection.Credentials => "credentials/",
            NamedCollection.JobTemplates => "job_templates/",
            NamedCollection.WorkflowJobTemplates => "workflow_job_templates/",
            NamedCollection.Labels => "labels/",
            NamedCollection.ExecutionEnvironments => "execution_environments/",
            NamedCollection.InstanceGroups => "instance_groups/",
            _ => throw new ArgumentOutOfRangeException(nameof(collection)),
        };
}

/// <summary>Access to <see cref="NamedObjectsResource"/>.</summary>
internal static class NamedObjectsAccess
{
    /// <summary>Name-or-id lookups in <paramref name="collection"/> through <paramref name="api"/>.</summary>
    public static NamedObjectsResource Named(this IAapApi api, NamedCollection collection) => new NamedObjectsResource(api, collection);
}
