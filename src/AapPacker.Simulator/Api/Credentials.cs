using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>credentials/</c>: exactly one owner, unique per (organization, name, type), secrets never read back, no delete guard.</summary>
internal static class Credentials
{
    public const string Encrypted = "$encrypted$";

    public static void Map(ApiRouter r)
    {
        r.Get("credentials/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "Credential", Rbac.Readable(req, req.Store.Credentials.Values).Select(c => ToJson(req, c)), "name",
                () => ToJson(req, new Credential { Name = "", CredentialTypeId = req.Store.CredentialTypes.Keys.First() })).ToList())));
        r.Post("credentials/", req => Create(req, req.ReadObject()));
        r.Post("organizations/{id}/credentials/", req =>
        {
            var org = req.Store.Organizations.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("Organization"));
            var body = req.ReadObject();
            body["organization"] = org.Id;
            return Create(req, body);
        });
        r.Get("credentials/{id}/", req => Rbac.Detail(req, ToJson(req, Find(req))));
        r.Delete("credentials/{id}/", Delete);
        r.Map("PUT", "credentials/{id}/", req => Update(req, partial: false));
        r.Map("PATCH", "credentials/{id}/", req => Update(req, partial: true));
    }

    private static Credential Find(ApiRequest req)
        => req.Store.Credentials.GetValueOrDefault(req.Id()) ?? throw new ApiException(ApiResult.NotFound("Credential"));

    private static ApiResult Create(ApiRequest req, JsonObject body)
    {
        var v = new Validation();
        var name = v.Text(body, "name", required: true);
        var description = v.Text(body, "description", nullAsEmpty: true) ?? "";
        var typeId = v.Pk(body, "credential_type", id => req.Store.CredentialTypes.ContainsKey(id), allowNull: false);
        if (!body.ContainsKey("credential_type"))
        {
            v.Add("credential_type", "This field is required.");
        }
        var orgId = v.Pk(body, "organization", id => req.Store.Organizations.ContainsKey(id));
        var userId = v.Pk(body, "user", id => req.Store.Users.Any(u => u.Id == id));
        var teamId = v.Pk(body, "team", _ => false);
        JsonObject inputs = [];
        if (body.TryGetPropertyValue("inputs", out var inputsNode) && inputsNode is not null)
        {
            if (inputsNode is JsonObject o)
            {
                inputs = (JsonObject)o.DeepClone();
            }
            else
            {
                v.Add("inputs", $"Expected a dictionary of items but got type \"{Validation.PythonTypeName(inputsNode)}\".");
            }
        }
        v.ThrowIfAny();
        var owners = new[] { ("organization", orgId), ("team", teamId), ("user", userId) }.Where(o => o.Item2 is not null).Select(o => o.Item1).ToList();
        if (owners.Count == 0)
        {
            // Raised from the serializer's validate(), so DRF wraps the message in a list.
            return ApiResult.FieldError("detail", "Missing 'user', 'team', or 'organization'.");
        }
        if (owners.Count > 1)
        {
            return ApiResult.FieldError("detail", $"Only one of 'user', 'team', or 'organization' should be provided, received {string.Join(", ", owners)} fields.");
        }
        var type = req.Store.CredentialTypes[typeId!.Value];
        ValidateInputs(type, inputs);
        if (orgId is not null && req.Store.Credentials.Values.Any(c => c.OrganizationId == orgId && c.Name == name && c.CredentialTypeId == type.Id))
        {
            Validation.ThrowNonField("Credential with this Organization, Name and Credential type already exists.");
        }
        var id = req.Store.NextId("credential");
        var credential = new Credential
        {
            Id = id,
            Name = name!,
            Description = description,
            OrganizationId = orgId,
            UserId = userId,
            CredentialTypeId = type.Id,
            Inputs = inputs,
            Created = req.Now,
            Modified = req.Now,
        };
        req.Store.Credentials[id] = credential;
        return ApiResult.Created(ToJson(req, credential), req.Url("credentials", id));
    }

    /// <summary>
    /// PUT/PATCH through CredentialSerializer: managed credentials refuse (403, <c>validate</c>), the owner stays
    /// (user/team are create-only), a secret input sent as <c>$encrypted$</c> keeps its stored value
    /// (<c>CredentialInputField</c>), and the inputs are validated as on create.
    /// </summary>
    private static ApiResult Update(ApiRequest req, bool partial)
    {
        var credential = Find(req);
        var body = req.ReadObject();
        if (credential.Managed)
        {
            return ApiResult.Detail(403, "Modifications not allowed for managed credentials");
        }
        bool Sent(string f) => !partial || body.ContainsKey(f);
        var v = new Validation();
        var name = Sent("name") ? v.Text(body, "name", required: true) : credential.Name;
        var description = Sent("description") ? v.Text(body, "description", nullAsEmpty: true) ?? "" : credential.Description;
        var typeId = credential.CredentialTypeId;
        if (Sent("credential_type"))
        {
            typeId = v.Pk(body, "credential_type", id => req.Store.CredentialTypes.ContainsKey(id), allowNull: false) ?? typeId;
            if (!body.ContainsKey("credential_type"))
            {
                v.Add("credential_type", "This field is required.");
            }
        }
        var orgId = credential.OrganizationId;
        if (body.ContainsKey("organization"))
        {
            orgId = v.Pk(body, "organization", id => req.Store.Organizations.ContainsKey(id));
        }
        JsonObject inputs = Sent("inputs") ? [] : (JsonObject)credential.Inputs.DeepClone();
        if (Sent("inputs") && body.TryGetPropertyValue("inputs", out var inputsNode) && inputsNode is not null)
        {
            if (inputsNode is JsonObject o)
            {
                inputs = (JsonObject)o.DeepClone();
            }
            else
            {
                v.Add("inputs", $"Expected a dictionary of items but got type \"{Validation.PythonTypeName(inputsNode)}\".");
            }
        }
        v.ThrowIfAny();
        if (typeId != credential.CredentialTypeId
            && (req.Store.JobTemplates.Values.Any(t => t.CredentialIds.Contains(credential.Id)) || req.Store.Jobs.Values.Any(j => j.CredentialIds.Contains(credential.Id))))
        {
            throw new ApiException(ApiResult.FieldError("credential_type",
                "You cannot change the credential type of the credential, as it may break the functionality of the resources using it."));
        }
        var type = req.Store.CredentialTypes[typeId];
        foreach (var field in type.Fields.Where(f => f.Secret))
        {
            if (Str(inputs, field.Id) == Encrypted && credential.Inputs[field.Id] is { } stored)
            {
                inputs[field.Id] = stored.DeepClone();
            }
        }
        ValidateInputs(type, inputs);
        if (orgId is not null && req.Store.Credentials.Values.Any(c => c != credential && c.OrganizationId == orgId && c.Name == name && c.CredentialTypeId == type.Id))
        {
            Validation.ThrowNonField("Credential with this Organization, Name and Credential type already exists.");
        }
        credential.Name = name!;
        credential.Description = description;
        credential.OrganizationId = orgId;
        credential.CredentialTypeId = type.Id;
        credential.Inputs = inputs;
        credential.Modified = req.Now;
        return ApiResult.Ok(ToJson(req, credential));
    }

    /// <summary>CredentialInputField.validate: known string fields, a real private key, and the passphrase rule.</summary>
    private static void ValidateInputs(CredentialType type, JsonObject inputs)
    {
        foreach (var field in type.Fields.Where(f => f.Secret))
        {
            if (Str(inputs, field.Id) == Encrypted)
            {
                throw new ApiException(new ApiResult { Status = 400, Json = new JsonObject { ["inputs"] = new JsonArray($"$encrypted$ is a reserved keyword, and cannot be used for {field.Id}.") } });
            }
        }
        var unexpected = inputs.Select(p => p.Key).Where(k => type.Fields.All(f => f.Id != k)).ToList();
        if (unexpected.Count > 0)
        {
            var list = string.Join(", ", unexpected.Select(k => $"'{k}'"));
            throw new ApiException(new ApiResult
            {
                Status = 400,
                Json = new JsonObject { ["inputs"] = new JsonArray($"Additional properties are not allowed ({list} {(unexpected.Count == 1 ? "was" : "were")} unexpected)") },
            });
        }
        var errors = new JsonObject();
        foreach (var (key, value) in inputs)
        {
            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                errors[key] = new JsonArray($"{value?.ToJsonString() ?? "None"} is not of type 'string'");
            }
        }
        var keyData = Str(inputs, "ssh_key_data");
        var encrypted = false;
        if (type.Fields.Any(f => f.Id == "ssh_key_data") && keyData.Length > 0 && !errors.ContainsKey("ssh_key_data"))
        {
            if (PrivateKeys.Validate(keyData, out encrypted) is { } problem)
            {
                errors["ssh_key_data"] = new JsonArray(problem);
                encrypted = false;
            }
        }
        if (type.Managed && type.Fields.Any(f => f.Id == "ssh_key_unlock"))
        {
            var unlock = Str(inputs, "ssh_key_unlock");
            if (encrypted && unlock.Length == 0)
            {
                errors["ssh_key_unlock"] = new JsonArray("must be set when SSH key is encrypted.");
            }
            if (keyData.Length > 0 && unlock.Length > 0 && !encrypted && !errors.ContainsKey("ssh_key_data"))
            {
                errors["ssh_key_unlock"] = new JsonArray("should not be set when SSH key is not encrypted.");
            }
        }
        if (errors.Count > 0)
        {
            throw new ApiException(new ApiResult { Status = 400, Json = new JsonObject { ["inputs"] = errors } });
        }
    }

    private static string Str(JsonObject inputs, string key)
        => inputs[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static ApiResult Delete(ApiRequest req)
    {
        var credential = Find(req);
        if (credential.Managed)
        {
            return ApiResult.Detail(403, "Deletion not allowed for managed credentials");
        }
        req.Store.Credentials.Remove(credential.Id);
        foreach (var template in req.Store.JobTemplates.Values)
        {
            template.CredentialIds.Remove(credential.Id);
        }
        foreach (var job in req.Store.Jobs.Values)
        {
            job.CredentialIds.Remove(credential.Id);
        }
        return ApiResult.Empty(204);
    }

    /// <summary>Secret inputs with a value read back as <c>$encrypted$</c>.</summary>
    public static JsonObject DisplayInputs(CredentialType type, JsonObject inputs)
    {
        var shown = new JsonObject();
        foreach (var (key, value) in inputs)
        {
            var secret = type.Fields.FirstOrDefault(f => f.Id == key)?.Secret ?? false;
            var text = value is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : null;
            shown[key] = secret && !string.IsNullOrEmpty(text) ? Encrypted : value?.DeepClone();
        }
        return shown;
    }

    public static JsonObject Summary(ApiRequest req, Credential c)
    {
        var type = req.Store.CredentialTypes[c.CredentialTypeId];
        return new JsonObject
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["description"] = c.Description,
            ["kind"] = type.Namespace,
            ["cloud"] = type.Kind == "cloud",
            ["kubernetes"] = type.Kind == "kubernetes",
            ["credential_type_id"] = type.Id,
        };
    }

    public static JsonObject ToJson(ApiRequest req, Credential c)
    {
        var type = req.Store.CredentialTypes[c.CredentialTypeId];
        var org = c.OrganizationId is { } oid ? req.Store.Organizations.GetValueOrDefault(oid) : null;
        var owners = new JsonArray();
        if (org is not null)
        {
            owners.Add(new JsonObject { ["id"] = org.Id, ["type"] = "organization", ["name"] = org.Name, ["description"] = org.Description, ["url"] = req.Url("organizations", org.Id) });
        }
        if (c.UserId is { } uid && req.Store.Users.FirstOrDefault(u => u.Id == uid) is { } user)
        {
            owners.Add(new JsonObject { ["id"] = user.Id, ["type"] = "user", ["name"] = user.Username, ["description"] = " ", ["url"] = req.Url("users", user.Id) });
        }
        return new JsonObject
        {
            ["id"] = c.Id,
            ["type"] = "credential",
            ["url"] = req.Url("credentials", c.Id),
            ["related"] = new JsonObject
            {
                ["credential_type"] = req.Url("credential_types", type.Id),
                ["owner_users"] = req.Url("credentials", c.Id, "owner_users"),
                ["owner_teams"] = req.Url("credentials", c.Id, "owner_teams"),
            },
            ["summary_fields"] = new JsonObject
            {
                ["organization"] = org is null ? null : Organizations.Summary(org),
                ["credential_type"] = new JsonObject { ["id"] = type.Id, ["name"] = type.Name, ["description"] = type.Description },
                ["owners"] = owners,
                ["user_capabilities"] = new JsonObject { ["edit"] = true, ["delete"] = true, ["copy"] = true, ["use"] = true },
            },
            ["created"] = Wire.Time(c.Created),
            ["modified"] = Wire.Time(c.Modified),
            ["name"] = c.Name,
            ["description"] = c.Description,
            ["organization"] = c.OrganizationId,
            ["credential_type"] = type.Id,
            ["managed"] = c.Managed,
            ["inputs"] = DisplayInputs(type, c.Inputs),
            ["kind"] = type.Namespace,
            ["cloud"] = type.Kind == "cloud",
            ["kubernetes"] = type.Kind == "kubernetes",
        };
    }
}
