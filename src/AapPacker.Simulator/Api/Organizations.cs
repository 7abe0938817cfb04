using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>organizations/</c>: read-only here (organizations come from the scenario).</summary>
internal static class Organizations
{
    public static void Map(ApiRouter r)
    {
        r.Get("organizations/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "Organization", Rbac.Readable(req, req.Store.Organizations.Values).Select(o => ToJson(req, o)), "name",
                () => ToJson(req, new Organization { Name = "" })).ToList())));
        r.Get("organizations/{id}/", req =>
        {
            var org = req.Store.Organizations.GetValueOrDefault(req.Id());
            return org is null ? ApiResult.NotFound("Organization") : Rbac.Detail(req, ToJson(req, org));
        });
    }

    public static JsonObject ToJson(ApiRequest req, Organization org) => new()
    {
        ["id"] = org.Id,
        ["type"] = "organization",
        ["url"] = req.Url("organizations", org.Id),
        ["related"] = new JsonObject
        {
            ["inventories"] = req.Url("organizations", org.Id, "inventories"),
            ["credentials"] = req.Url("organizations", org.Id, "credentials"),
            ["job_templates"] = req.Url("organizations", org.Id, "job_templates"),
        },
        ["summary_fields"] = new JsonObject
        {
            ["related_field_counts"] = new JsonObject
            {
                ["inventories"] = req.Store.Inventories.Values.Count(i => i.OrganizationId == org.Id),
                ["job_templates"] = req.Store.JobTemplates.Values.Count(j => j.OrganizationId == org.Id),
            },
        },
        ["created"] = Wire.Time(org.Created),
        ["modified"] = Wire.Time(org.Created),
        ["name"] = org.Name,
        ["description"] = org.Description,
        ["max_hosts"] = 0,
        ["custom_virtualenv"] = null,
        ["default_environment"] = null,
    };

    public static JsonObject Summary(Organization org) => new() { ["id"] = org.Id, ["name"] = org.Name, ["description"] = org.Description };
}
