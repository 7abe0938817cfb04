using System.Globalization;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;
using Host = AapPacker.Simulator.Store.Host;

namespace AapPacker.Simulator.Api;

/// <summary><c>hosts/</c> and <c>inventories/&lt;id&gt;/hosts/</c>: variables as a string, <c>name:port</c>, delete guards.</summary>
internal static class Hosts
{
    public static void Map(ApiRouter r)
    {
        r.Get("hosts/", req => List(req, Rbac.Readable(req, req.Store.Hosts.Values)));
        r.Post("hosts/", req => Create(req, null, req.ReadObject()));
        r.Get("hosts/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Delete("hosts/{id}/", Delete);
        r.Map("PUT", "hosts/{id}/", req => Update(req, partial: false));
        r.Map("PATCH", "hosts/{id}/", req => Update(req, partial: true));
        r.Get("inventories/{id}/hosts/", req =>
        {
            var inventory = Inventories.Find(req);
            return List(req, Rbac.Readable(req, req.Store.Hosts.Values.Where(h => h.InventoryId == inventory.Id)));
        });
        r.Post("inventories/{id}/hosts/", req => Create(req, Inventories.Find(req), req.ReadObject()));
    }

    private static ApiResult List(ApiRequest req, IEnumerable<Host> hosts)
        => ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "Host", hosts.Select(h => ToJson(req, h)), "name",
            () => ToJson(req, new Host { Name = "" })).ToList()));

    private static Host Find(ApiRequest req)
        => req.Store.Hosts.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("Host"));

    /// <summary>Creates a host from <paramref name="body"/>; a sub-list (inventory or group) passes its inventory.</summary>
    internal static ApiResult Create(ApiRequest req, Inventory? parent, JsonObject body) => Save(req, parent, body, null, partial: false);

    private static ApiResult Update(ApiRequest req, bool partial)
    {
        var host = Find(req);
        return Save(req, null, req.ReadObject(), host, partial);
    }

    /// <summary>
    /// HostSerializer's rules for POST, PUT (unsent optional fields back to their defaults) and PATCH (only what is
    /// sent): CharNullField text (null → ""), BooleanNullField <c>enabled</c> (null → false), <c>name:port</c>.
    /// </summary>
    private static ApiResult Save(ApiRequest req, Inventory? parent, JsonObject body, Host? existing, bool partial)
    {
        if (parent is not null)
        {
            // The sub-list injects the inventory from the URL.
            body["inventory"] = parent.Id;
        }
        bool Sent(string f) => !partial || body.ContainsKey(f);
        var v = new Validation();
        var name = Sent("name") ? v.Text(body, "name", required: true) : existing!.Name;
        var description = Sent("description") ? v.Text(body, "description", nullAsEmpty: true) ?? "" : existing!.Description;
        var instanceId = Sent("instance_id") ? v.Text(body, "instance_id", maxLength: 1024, nullAsEmpty: true) ?? "" : existing!.InstanceId;
        // BooleanNullField: null is False; a field left out gets the model default (True) on create and PUT.
        var enabled = Sent("enabled") ? Validation.Bool(body, "enabled", v, nullAsFalse: true) ?? true : existing!.Enabled;
        int? inventoryId = existing?.InventoryId;
        if (Sent("inventory"))
        {
            inventoryId = v.Pk(body, "inventory", id => req.Store.Inventories.ContainsKey(id), allowNull: false);
            if (!body.ContainsKey("inventory"))
            {
                v.Add("inventory", "This field is required.");
            }
        }
        var variables = Sent("variables") ? v.Text(body, "variables", maxLength: int.MaxValue, nullAsEmpty: true) ?? "" : existing!.Variables;
        JsonObject parsed = [];
        if (variables.Length > 0 && !Variables.TryParse(variables, out parsed, out var error))
        {
            v.Add("variables", error);
        }
        if (Sent("name") && name is not null && name.Count(c => c == ':') == 1)
        {
            var parts = name.Split(':');
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            {
                v.Add("name", $"Invalid port specification: {parts[1]}");
            }
            else if (!v.HasErrors)
            {
                name = parts[0];
                parsed["ansible_ssh_port"] = port;
                variables = Variables.PythonDumps(parsed);
            }
        }
        v.ThrowIfAny();
        var inventory = req.Store.Inventories[inventoryId!.Value];
        if (inventory.Kind is "smart" or "constructed")
        {
            throw new ApiException(ApiResult.FieldError("inventory", "Cannot create Host for Smart or Constructed Inventories"));
        }
        // HostSerializer.validate() runs before the model's unique_together check.
        if (req.Store.Groups.Values.Any(g => g.InventoryId == inventory.Id && g.Name == name))
        {
            Validation.ThrowNonField("A Group with that name already exists.");
        }
        if (req.Store.Hosts.Values.Any(h => h != existing && h.InventoryId == inventory.Id && h.Name == name))
        {
            Validation.ThrowNonField("Host with this Name and Inventory already exists.");
        }
        if (existing is not null)
        {
            existing.Name = name!;
            existing.Description = description;
            existing.InventoryId = inventory.Id;
            existing.Enabled = enabled;
            existing.InstanceId = instanceId;
            existing.Variables = variables;
            existing.Modified = req.Now;
            return ApiResult.Ok(ToJson(req, existing));
        }
        var id = req.Store.NextId("host");
        var host = new Host
        {
            Id = id,
            Name = name!,
            Description = description,
            InventoryId = inventory.Id,
            Enabled = enabled,
            InstanceId = instanceId,
            Variables = variables,
            Created = req.Now,
            Modified = req.Now,
        };
        req.Store.Hosts[id] = host;
        return ApiResult.Created(ToJson(req, host), req.Url("hosts", id));
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var host = Find(req);
        var inventory = req.Store.Inventories[host.InventoryId];
        if (inventory.PendingDeletion)
        {
            return ApiResult.Error(400, "The inventory for this host is already being deleted.");
        }
        DeleteGuards.CheckInventory(req, inventory.Id);
        req.Store.Hosts.Remove(host.Id);
        foreach (var group in req.Store.Groups.Values)
        {
            group.HostIds.Remove(host.Id);
        }
        return ApiResult.Empty(204);
    }

    public static JsonObject ToJson(ApiRequest req, Host host)
    {
        var inventory = req.Store.Inventories.GetValueOrDefault(host.InventoryId);
        return new JsonObject
        {
            ["id"] = host.Id,
            ["type"] = "host",
            ["url"] = req.Url("hosts", host.Id),
            ["related"] = new JsonObject
            {
                ["inventory"] = req.Url("inventories", host.InventoryId),
                ["job_host_summaries"] = req.Url("hosts", host.Id, "job_host_summaries"),
                ["job_events"] = req.Url("hosts", host.Id, "job_events"),
            },
            ["summary_fields"] = new JsonObject
            {
                ["inventory"] = inventory is null ? null : new JsonObject
                {
                    ["id"] = inventory.Id,
                    ["name"] = inventory.Name,
                    ["description"] = inventory.Description,
                    ["kind"] = inventory.Kind,
                    ["organization_id"] = inventory.OrganizationId,
                },
                ["user_capabilities"] = new JsonObject { ["edit"] = true, ["delete"] = true },
                ["groups"] = Groups.HostSummary(req, host.Id),
                ["recent_jobs"] = new JsonArray(),
            },
            ["created"] = Wire.Time(host.Created),
            ["modified"] = Wire.Time(host.Modified),
            ["name"] = host.Name,
            ["description"] = host.Description,
            ["inventory"] = host.InventoryId,
            ["enabled"] = host.Enabled,
            ["instance_id"] = host.InstanceId,
            ["variables"] = host.Variables,
            ["has_active_failures"] = false,
            ["has_inventory_sources"] = false,
            ["last_job"] = null,
            ["last_job_host_summary"] = null,
            ["ansible_facts_modified"] = null,
        };
    }
}
