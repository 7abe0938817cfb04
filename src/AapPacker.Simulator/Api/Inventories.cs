using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>inventories/</c>: create (unique per organization), read, asynchronous delete.</summary>
internal static class Inventories
{
    public static void Map(ApiRouter r)
    {
        r.Get("inventories/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "Inventory", Rbac.Readable(req, req.Store.Inventories.Values).Select(i => ToJson(req, i)), "name",
                () => ToJson(req, new Inventory { Name = "" })).ToList())));
        r.Post("inventories/", Create);
        r.Get("inventories/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Delete("inventories/{id}/", Delete);
        r.Map("PUT", "inventories/{id}/", req => Update(req, partial: false));
        r.Map("PATCH", "inventories/{id}/", req => Update(req, partial: true));
    }

    public static Inventory Find(ApiRequest req, string param = "id")
        => req.Store.Inventories.GetValueOrDefault(req.Id(param)) ?? throw new ApiException(ApiResult.NotFound("Inventory"));

    private static ApiResult Create(ApiRequest req) => Save(req, null, partial: false);

    /// <summary>
    /// POST (create), PUT (full update: required fields required, others back to their defaults) and PATCH (only
    /// the fields sent), all through InventorySerializer's rules: CharNullField/ChoiceNullField text (null → ""),
    /// <c>kind</c> choices, variables as JSON/YAML, unique (name, organization).
    /// </summary>
    private static ApiResult Save(ApiRequest req, Inventory? existing, bool partial)
    {
        var body = req.ReadObject();
        bool Sent(string f) => !partial || body.ContainsKey(f);
        var v = new Validation();
        var name = Sent("name") ? v.Text(body, "name", required: true) : existing!.Name;
        var description = Sent("description") ? v.Text(body, "description", nullAsEmpty: true) ?? "" : existing!.Description;
        int? org = existing?.OrganizationId;
        if (Sent("organization"))
        {
            org = v.Pk(body, "organization", id => req.Store.Organizations.ContainsKey(id));
            if (!body.ContainsKey("organization") || body["organization"] is null)
            {
                v.Add("organization", "This field cannot be blank.");
            }
        }
        var kind = Sent("kind") ? v.Text(body, "kind", nullAsEmpty: true) ?? "" : existing!.Kind;
        if (existing is not null && kind.Length == 0)
        {
            kind = existing.Kind;
        }
        if (kind is not ("" or "smart" or "constructed"))
        {
            v.Add("kind", $"\"{kind}\" is not a valid choice.");
        }
        var hostFilter = Sent("host_filter") ? v.Text(body, "host_filter", maxLength: int.MaxValue, nullAsEmpty: true, fallback: null) : existing?.HostFilter;
        var variables = Sent("variables") ? v.Text(body, "variables", maxLength: int.MaxValue, nullAsEmpty: true) ?? "" : existing!.Variables;
        if (!v.HasErrors && !Variables.TryParse(variables, out _, out var error))
        {
            v.Add("variables", error);
        }
        var fallback = Sent("prevent_instance_group_fallback")
            ? Validation.Bool(body, "prevent_instance_group_fallback", v, nullAsFalse: true) ?? false
            : existing?.PreventInstanceGroupFallback ?? false;
        if (existing is not null && existing.Kind != kind)
        {
            // InventoryDetail.update (awx/api/views/inventory.py): a kind that is sent and differs is a 405.
            return ApiResult.Error(405, "You cannot turn a regular inventory into a \"smart\" or \"constructed\" inventory.");
        }
        v.ThrowIfAny();
        if (kind == "smart" && string.IsNullOrEmpty(hostFilter))
        {
            // InventorySerializer.validate.
            throw new ApiException(ApiResult.FieldError("host_filter", "Smart inventories must specify host_filter"));
        }
        if (req.Store.Inventories.Values.Any(i => i != existing && i.OrganizationId == org && i.Name == name))
        {
            Validation.ThrowNonField("Inventory with this Name and Organization already exists.");
        }
        if (existing is not null)
        {
            existing.Name = name!;
            existing.Description = description;
            existing.OrganizationId = org!.Value;
            existing.HostFilter = hostFilter;
            existing.Variables = variables;
            existing.PreventInstanceGroupFallback = fallback;
            existing.Modified = req.Now;
            return ApiResult.Ok(ToJson(req, existing));
        }
        var id = req.Store.NextId("inventory");
        var inventory = new Inventory
        {
            Id = id,
            Name = name!,
            Description = description,
            OrganizationId = org!.Value,
            Variables = variables,
            Kind = kind,
            HostFilter = hostFilter,
            PreventInstanceGroupFallback = fallback,
            Created = req.Now,
            Modified = req.Now,
        };
        req.Store.Inventories[id] = inventory;
        return ApiResult.Created(ToJson(req, inventory), req.Url("inventories", id));
    }

    private static ApiResult Update(ApiRequest req, bool partial)
    {
        var inventory = Find(req);
        if (inventory.PendingDeletion)
        {
            // InventoryDetail.update: "Inventory is being deleted." while pending_deletion.
            return ApiResult.Error(400, "Inventory is being deleted.");
        }
        return Save(req, inventory, partial);
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var inventory = Find(req);
        DeleteGuards.CheckInventory(req, inventory.Id);
        if (inventory.PendingDeletion)
        {
            return ApiResult.Error(400, "Inventory is already pending deletion.");
        }
        inventory.DeletionRequested = req.Now;
        // schedule_deletion() detaches the inventory from the templates that use it as their default.
        foreach (var template in req.Store.JobTemplates.Values.Where(t => t.InventoryId == inventory.Id))
        {
            template.InventoryId = null;
        }
        return ApiResult.Empty(202);
    }

    public static JsonObject ToJson(ApiRequest req, Inventory inventory)
    {
        var org = req.Store.Organizations.GetValueOrDefault(inventory.OrganizationId);
        var hosts = req.Store.Hosts.Values.Count(h => h.InventoryId == inventory.Id);
        return new JsonObject
        {
            ["id"] = inventory.Id,
            ["type"] = "inventory",
            ["url"] = req.Url("inventories", inventory.Id),
            ["related"] = new JsonObject
            {
                ["hosts"] = req.Url("inventories", inventory.Id, "hosts"),
                ["groups"] = req.Url("inventories", inventory.Id, "groups"),
                ["job_templates"] = req.Url("inventories", inventory.Id, "job_templates"),
                ["organization"] = req.Url("organizations", inventory.OrganizationId),
                ["named_url"] = req.Prefix + "inventories/" + Uri.EscapeDataString(inventory.Name) + "++" + Uri.EscapeDataString(org?.Name ?? "") + "/",
            },
            ["summary_fields"] = new JsonObject
            {
                ["organization"] = org is null ? null : Organizations.Summary(org),
                ["user_capabilities"] = new JsonObject { ["edit"] = true, ["delete"] = true, ["copy"] = true, ["adhoc"] = true },
            },
            ["created"] = Wire.Time(inventory.Created),
            ["modified"] = Wire.Time(inventory.Modified),
            ["name"] = inventory.Name,
            ["description"] = inventory.Description,
            ["organization"] = inventory.OrganizationId,
            ["kind"] = inventory.Kind,
            ["host_filter"] = inventory.HostFilter,
            ["variables"] = inventory.Variables,
            ["has_active_failures"] = false,
            ["total_hosts"] = hosts,
            ["hosts_with_active_failures"] = 0,
            ["total_groups"] = req.Store.Groups.Values.Count(g => g.InventoryId == inventory.Id),
            ["has_inventory_sources"] = false,
            ["total_inventory_sources"] = 0,
            ["inventory_sources_with_failures"] = 0,
            ["pending_deletion"] = inventory.PendingDeletion,
            ["prevent_instance_group_fallback"] = inventory.PreventInstanceGroupFallback,
        };
    }
}
