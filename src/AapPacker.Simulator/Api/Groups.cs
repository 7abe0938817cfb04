using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;
using Host = AapPacker.Simulator.Store.Host;

namespace AapPacker.Simulator.Api;

/// <summary>
/// <c>inventories/&lt;id&gt;/groups/</c>, <c>groups/&lt;id&gt;/</c> and <c>groups/&lt;id&gt;/hosts/</c>: AWX's
/// sub-list views, where a POST with <c>id</c> associates an existing object and a POST without one creates it.
/// </summary>
internal static class Groups
{
    public static void Map(ApiRouter r)
    {
        r.Get("inventories/{id}/groups/", req =>
        {
            var inventory = Inventories.Find(req);
            return List(req, Rbac.Readable(req, req.Store.Groups.Values.Where(g => g.InventoryId == inventory.Id)));
        });
        r.Post("inventories/{id}/groups/", req => CreateOrAttach(req, Inventories.Find(req)));
        r.Get("groups/", req => List(req, Rbac.Readable(req, req.Store.Groups.Values)));
        r.Post("groups/", CreateTopLevel);
        r.Map("PUT", "groups/{id}/", req => Update(req, partial: false));
        r.Map("PATCH", "groups/{id}/", req => Update(req, partial: true));
        r.Get("groups/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Delete("groups/{id}/", Delete);
        r.Get("groups/{id}/hosts/", req =>
        {
            var group = Find(req);
            var hosts = group.HostIds.Select(id => req.Store.Hosts.GetValueOrDefault(id)).OfType<Host>();
            return ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "Host", Rbac.Readable(req, hosts).Select(h => Hosts.ToJson(req, h)), "name",
                () => Hosts.ToJson(req, new Host { Name = "" })).ToList()));
        });
        r.Post("groups/{id}/hosts/", AddHost);
    }

    private static ApiResult List(ApiRequest req, IEnumerable<Group> groups)
        => ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "Group", groups.Select(g => ToJson(req, g)), "name",
            () => ToJson(req, new Group { Name = "" })).ToList()));

    private static Group Find(ApiRequest req)
        => req.Store.Groups.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("Group"));

    /// <summary>The "id" of an associate request: absent/null/0 means "create"; a non-integer is refused (attach_validate).</summary>
    private static int? SubId(JsonObject body)
    {
        if (!body.TryGetPropertyValue("id", out var node) || node is null)
        {
            return null;
        }
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var id))
        {
            return id == 0 ? null : id;
        }
        if (node.GetValueKind() is JsonValueKind.False || (node.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Length == 0))
        {
            return null;
        }
        throw new ApiException(new ApiResult { Status = 400, Json = new JsonObject { ["msg"] = "\"id\" field must be an integer." } });
    }

    /// <summary>POST <c>groups/</c> (GroupList): the inventory comes from the body.</summary>
    private static ApiResult CreateTopLevel(ApiRequest req)
    {
        var body = req.ReadObject();
        var v = new Validation();
        var inventoryId = v.Pk(body, "inventory", id => req.Store.Inventories.ContainsKey(id), allowNull: false);
        if (!body.ContainsKey("inventory"))
        {
            v.Add("inventory", "This field is required.");
        }
        v.ThrowIfAny();
        return Save(req, req.Store.Inventories[inventoryId!.Value], body, null, partial: false);
    }

    private static ApiResult Update(ApiRequest req, bool partial)
    {
        var group = Find(req);
        return Save(req, req.Store.Inventories[group.InventoryId], req.ReadObject(), group, partial);
    }

    private static ApiResult CreateOrAttach(ApiRequest req, Inventory inventory)
    {
        var body = req.ReadObject();
        if (SubId(body) is { } existing)
        {
            var group = req.Store.Groups.GetValueOrDefault(existing)
                ?? throw new ApiException(ApiResult.Detail(400, "Group matching query does not exist."));
            return group.InventoryId == inventory.Id
                ? ApiResult.Empty(204)
                : ApiResult.Detail(400, "Cannot associate two items from different inventories.");
        }

        return Save(req, inventory, body, null, partial: false);
    }

    /// <summary>GroupSerializer's rules for create, PUT and PATCH: CharNullField text, reserved names, unique names.</summary>
    private static ApiResult Save(ApiRequest req, Inventory inventory, JsonObject body, Group? existing, bool partial)
    {
        bool Sent(string f) => !partial || body.ContainsKey(f);
        var v = new Validation();
        var name = Sent("name") ? v.Text(body, "name", required: true) : existing!.Name;
        if (name is "all" or "_meta")
        {
            v.Add("name", "Invalid group name.");
        }
        var description = Sent("description") ? v.Text(body, "description", nullAsEmpty: true) ?? "" : existing!.Description;
        var variables = Sent("variables") ? v.Text(body, "variables", maxLength: int.MaxValue, nullAsEmpty: true) ?? "" : existing!.Variables;
        if (variables.Length > 0 && !Variables.TryParse(variables, out _, out var error))
        {
            v.Add("variables", error);
        }
        if (existing is null && inventory.Kind is "smart" or "constructed")
        {
            v.Add("inventory", "Cannot create Group for Smart or Constructed Inventories");
        }
        v.ThrowIfAny();
        // GroupSerializer.validate() runs before the model's unique_together check.
        if (req.Store.Hosts.Values.Any(h => h.InventoryId == inventory.Id && h.Name == name))
        {
            Validation.ThrowNonField("A Host with that name already exists.");
        }
        if (req.Store.Groups.Values.Any(g => g != existing && g.InventoryId == inventory.Id && g.Name == name))
        {
            Validation.ThrowNonField("Group with this Name and Inventory already exists.");
        }
        if (existing is not null)
        {
            existing.Name = name!;
            existing.Description = description;
            existing.Variables = variables;
            existing.Modified = req.Now;
            return ApiResult.Ok(ToJson(req, existing));
        }
        var id = req.Store.NextId("group");
        var created = new Group
        {
            Id = id,
            Name = name!,
            Description = description,
            InventoryId = inventory.Id,
            Variables = variables,
            Created = req.Now,
            Modified = req.Now,
        };
        req.Store.Groups[id] = created;
        return ApiResult.Created(ToJson(req, created), req.Url("groups", id));
    }

    private static ApiResult AddHost(ApiRequest req)
    {
        var group = Find(req);
        var body = req.ReadObject();
        var hostId = SubId(body);
        if (hostId is not null && body.ContainsKey("disassociate"))
        {
            // SubListCreateAttachDetachAPIView.unattach: "disassociate" with an id removes the association (204).
            group.HostIds.Remove(hostId.Value);
            return ApiResult.Empty(204);
        }
        ApiResult? created = null;
        if (hostId is null)
        {
            // GroupHostsList.create: a name already in the inventory, sent without variables, attaches that host.
            var name = body["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : "";
            var vars = body["variables"] is JsonValue vv && vv.GetValueKind() == JsonValueKind.String ? vv.GetValue<string>() : null;
            var sameName = req.Store.Hosts.Values.FirstOrDefault(h => h.InventoryId == group.InventoryId && h.Name == name);
            if (sameName is not null && (!body.ContainsKey("variables") || vars is "" or "{}" or "---"))
            {
                hostId = sameName.Id;
            }
            else
            {
                created = Hosts.Create(req, req.Store.Inventories[group.InventoryId], body);
                hostId = created.Json!["id"]!.GetValue<int>();
            }
        }
        var host = req.Store.Hosts.GetValueOrDefault(hostId.Value)
            ?? throw new ApiException(ApiResult.Detail(400, "Host matching query does not exist."));
        if (host.InventoryId != group.InventoryId)
        {
            return ApiResult.Detail(400, "Cannot associate two items from different inventories.");
        }
        group.HostIds.Add(host.Id);
        return created ?? ApiResult.Empty(204);
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var group = Find(req);
        DeleteGuards.CheckInventory(req, group.InventoryId);
        req.Store.Groups.Remove(group.Id);
        return ApiResult.Empty(204);
    }

    /// <summary>The groups a host is in, as its <c>summary_fields.groups</c> shows them.</summary>
    public static JsonObject HostSummary(ApiRequest req, int hostId)
    {
        var groups = req.Store.Groups.Values.Where(g => g.HostIds.Contains(hostId)).ToList();
        return new JsonObject
        {
            ["count"] = groups.Count,
            ["results"] = Wire.Array(groups.Take(5).Select(g => (JsonNode?)new JsonObject { ["id"] = g.Id, ["name"] = g.Name })),
        };
    }

    public static JsonObject ToJson(ApiRequest req, Group group)
    {
        var inventory = req.Store.Inventories.GetValueOrDefault(group.InventoryId);
        return new JsonObject
        {
            ["id"] = group.Id,
            ["type"] = "group",
            ["url"] = req.Url("groups", group.Id),
            ["related"] = new JsonObject
            {
                ["variable_data"] = req.Url("groups", group.Id, "variable_data"),
                ["hosts"] = req.Url("groups", group.Id, "hosts"),
                ["children"] = req.Url("groups", group.Id, "children"),
                ["all_hosts"] = req.Url("groups", group.Id, "all_hosts"),
                ["job_events"] = req.Url("groups", group.Id, "job_events"),
                ["job_host_summaries"] = req.Url("groups", group.Id, "job_host_summaries"),
                ["inventory"] = req.Url("inventories", group.InventoryId),
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
                ["user_capabilities"] = new JsonObject { ["edit"] = true, ["delete"] = true, ["copy"] = true },
            },
            ["created"] = Wire.Time(group.Created),
            ["modified"] = Wire.Time(group.Modified),
            ["name"] = group.Name,
            ["description"] = group.Description,
            ["inventory"] = group.InventoryId,
            ["variables"] = group.Variables,
        };
    }
}
