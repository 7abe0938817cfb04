using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Provisioning;

/// <summary>The kinds of AAP object whose names tab completion offers.</summary>
public enum SuggestedKind
{
    /// <summary>Job templates.</summary>
    JobTemplate,

    /// <summary>Workflow job templates.</summary>
    WorkflowJobTemplate,

    /// <summary>Organizations.</summary>
    Organization,

    /// <summary>Inventories.</summary>
    Inventory,
}

/// <summary>One object offered for a name: its name, id and organization (when it has one).</summary>
public sealed class NameSuggestion
{
    /// <summary>Creates a suggestion.</summary>
    public NameSuggestion(SuggestedKind kind, string name, int id, string? organization, int? organizationId)
    {
        Kind = kind;
        Name = name;
        Id = id;
        Organization = organization;
        OrganizationId = organizationId;
    }

    /// <summary>What it is.</summary>
    public SuggestedKind Kind { get; }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>The object's id.</summary>
    public int Id { get; }

    /// <summary>The owning organization's name, or null (organizations themselves, or no organization).</summary>
    public string? Organization { get; }

    /// <summary>The owning organization's id, or null.</summary>
    public int? OrganizationId { get; }
}

/// <summary>
/// Finds the objects whose name starts with what the user typed, ordered by name, for tab completion: one bounded
/// list request, no resolution round trips. An organization (name, or id as digits, as the cmdlets read it)
/// narrows templates and inventories to that organization.
/// </summary>
public static class NameSuggestions
{
    /// <summary>At most <paramref name="max"/> objects of <paramref name="kind"/> whose name starts with <paramref name="prefix"/> (case-insensitively).</summary>
    public static async Task<IReadOnlyList<NameSuggestion>> FindAsync(IAapApi api, SuggestedKind kind, string? prefix, string? organization,
        int max, CancellationToken cancellationToken)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        var found = new List<NameSuggestion>();
        await foreach (var item in api.ListAsync(Query(kind, prefix, organization, max), cancellationToken).ConfigureAwait(false))
        {
            var name = item.String("name");
            if (name is null)
            {
                continue;
            }

            var owner = kind == SuggestedKind.Organization ? null : item.Path("summary_fields", "organization");
            found.Add(new NameSuggestion(kind, name, item.Int("id") ?? 0, owner?.String("name"),
                kind == SuggestedKind.Organization ? null : owner?.Int("id") ?? item.Int("organization")));
            if (found.Count >= max)
            {
                break; // before the next page is asked for
            }
        }

        return found;
    }

    /// <summary>The list request: <c>name__istartswith</c>, by name, one page of <paramref name="max"/>, the organization filter.</summary>
    public static string Query(SuggestedKind kind, string? prefix, string? organization, int max)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add("name__istartswith=" + Uri.EscapeDataString(prefix));
        }

        var owner = (organization ?? "").Trim();
        if (kind != SuggestedKind.Organization && owner.Length > 0)
        {
            query.Add(int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? "organization=" + id.ToString(CultureInfo.InvariantCulture)
                : "organization__name=" + Uri.EscapeDataString(owner));
        }

        query.Add("order_by=name");
        query.Add("page_size=" + max.ToString(CultureInfo.InvariantCulture));
        return Endpoint(kind) + "?" + string.Join("&", query);
    }

    private static string Endpoint(SuggestedKind kind)
        => kind switch
        {
            SuggestedKind.JobTemplate => "job_templates/",
            SuggestedKind.WorkflowJobTemplate => "workflow_job_templates/",
            SuggestedKind.Organization => "organizations/",
            _ => "inventories/",
        };
}
