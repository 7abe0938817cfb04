using System.Globalization;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Http;

/// <summary>
/// AWX's named URLs (<c>awx/main/middleware.py</c> <c>URLModificationMiddleware._convert_named_url</c>, formats from
/// <c>awx/main/utils/named_url_graph.py</c> and <c>docs/named_url.md</c>): <c>{api}inventories/Demo Inventory++Default/</c>
/// is rewritten to <c>{api}inventories/&lt;pk&gt;/</c> before URL resolution. An identifier that parses but matches
/// nothing becomes pk 0 (so the view answers its own 404, and an anonymous caller still gets a 401); one that does not
/// parse is left alone (the URL then resolves to nothing: 404). A bare job template name (no <c>++</c>) is the
/// deprecated form <c>_hijack_for_old_jt_name</c> still honours.
/// </summary>
internal static class NamedUrls
{
    /// <summary>The path with a named identifier replaced by the object's pk, or the path unchanged.</summary>
    public static string Rewrite(string path, string prefix, SimStore store)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return path;
        }
        var rest = path[prefix.Length..].Split('/');
        if (rest.Length < 3 || rest[1].Length == 0 || rest[1].All(char.IsAsciiDigit))
        {
            return path;
        }
        int? pk;
        lock (store.Sync)
        {
            pk = Resolve(rest[0], rest[1], store);
        }
        if (pk is null)
        {
            return path;
        }
        rest[1] = pk.Value.ToString(CultureInfo.InvariantCulture);
        return prefix + string.Join('/', rest);
    }

    /// <summary>The pk, 0 for "well-formed but no such object", null for "not a named URL of this resource".</summary>
    private static int? Resolve(string resource, string identifier, SimStore store)
    {
        var parts = Split(identifier);
        switch (resource)
        {
            case "organizations" when parts.Count == 1 && parts[0].Length == 1:
                return Pk(store.Organizations.Values.FirstOrDefault(o => o.Name == parts[0][0])?.Id);
            case "users" when parts.Count == 1 && parts[0].Length == 1:
                return Pk(store.Users.FirstOrDefault(u => u.Username == parts[0][0])?.Id);
            case "credential_types" when parts.Count == 1 && parts[0].Length == 2:
                return Pk(store.CredentialTypes.Values.FirstOrDefault(t => t.Name == parts[0][0] && t.Kind == parts[0][1])?.Id);
            case "inventories" when Is(parts, 1, 1):
                return Pk(store.Inventories.Values.FirstOrDefault(i => i.Name == parts[0][0] && OrgName(store, i.OrganizationId) == parts[1][0])?.Id);
            case "hosts" when Is(parts, 1, 1, 1):
                return Pk(store.Hosts.Values.FirstOrDefault(h => h.Name == parts[0][0] && InInventory(store, h.InventoryId, parts[1][0], parts[2][0]))?.Id);
            case "groups" when Is(parts, 1, 1, 1):
                return Pk(store.Groups.Values.FirstOrDefault(g => g.Name == parts[0][0] && InInventory(store, g.InventoryId, parts[1][0], parts[2][0]))?.Id);
            case "credentials" when Is(parts, 1, 2, 1):
                return Pk(store.Credentials.Values.FirstOrDefault(c => c.Name == parts[0][0]
                    && store.CredentialTypes.GetValueOrDefault(c.CredentialTypeId) is { } t && t.Name == parts[1][0] && t.Kind == parts[1][1]
                    && OrgName(store, c.OrganizationId) == parts[2][0])?.Id);
            case "job_templates" when Is(parts, 1, 1):
                return Pk(store.JobTemplates.Values.FirstOrDefault(t => t.Name == parts[0][0] && OrgName(store, t.OrganizationId) == parts[1][0])?.Id);
            case "job_templates" when !identifier.Contains("++", StringComparison.Ordinal):
                // The deprecated bare-name form (a single '+' is part of the name): the first match by organization
                // creation, or nothing at all.
                return store.JobTemplates.Values.Where(t => t.Name == identifier)
                    .OrderBy(t => store.Organizations.GetValueOrDefault(t.OrganizationId)?.Created).FirstOrDefault()?.Id;
            case "workflow_job_templates" when Is(parts, 1, 1):
                return Pk(store.WorkflowTemplates.Values.FirstOrDefault(t => t.Name == parts[0][0] && OrgName(store, t.OrganizationId) == parts[1][0])?.Id);
            default:
                return null;
        }
    }

    private static int Pk(int? id) => id ?? 0;

    private static bool Is(List<string[]> parts, params int[] shape)
        => parts.Count == shape.Length && parts.Select(p => p.Length).SequenceEqual(shape);

    private static string OrgName(SimStore store, int? orgId)
        => orgId is { } id ? store.Organizations.GetValueOrDefault(id)?.Name ?? "" : "";

    private static bool InInventory(SimStore store, int inventoryId, string inventory, string organization)
        => store.Inventories.GetValueOrDefault(inventoryId) is { } i && i.Name == inventory && OrgName(store, i.OrganizationId) == organization;

    /// <summary>Components split on <c>++</c>, fields on <c>+</c>; <c>[+]</c> is a literal plus.</summary>
    private static List<string[]> Split(string identifier)
    {
        const char Plus = '\u0001';
        var text = identifier.Replace("[+]", Plus.ToString(), StringComparison.Ordinal);
        return text.Split("++").Select(c => c.Split('+').Select(f => f.Replace(Plus, '+')).ToArray()).ToList();
    }
}
