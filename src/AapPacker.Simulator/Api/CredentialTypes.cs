using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary><c>credential_types/</c>: the managed types (readable by every user).</summary>
internal static class CredentialTypes
{
    public static void Map(ApiRouter r)
    {
        r.Get("credential_types/", req => ApiResult.Ok(Paging.Page(req,
            ListFilter.Apply(req, "CredentialType", req.Store.CredentialTypes.Values.Select(t => ToJson(req, t)), "kind,name").ToList())));
        r.Get("credential_types/{id}/", req =>
        {
            var type = req.Store.CredentialTypes.GetValueOrDefault(req.Id());
            return type is null ? ApiResult.NotFound("CredentialType") : ApiResult.Ok(ToJson(req, type));
        });
    }

    public static JsonObject ToJson(ApiRequest req, CredentialType type) => new()
    {
        ["id"] = type.Id,
        ["type"] = "credential_type",
        ["url"] = req.Url("credential_types", type.Id),
        ["related"] = new JsonObject { ["credentials"] = req.Url("credential_types", type.Id, "credentials") },
        ["summary_fields"] = new JsonObject { ["user_capabilities"] = new JsonObject { ["edit"] = false, ["delete"] = false } },
        ["created"] = Wire.Time(type.Created),
        ["modified"] = Wire.Time(type.Created),
        ["name"] = type.Name,
        ["description"] = type.Description,
        ["kind"] = type.Kind,
        ["namespace"] = type.Namespace,
        ["managed"] = type.Managed,
        ["inputs"] = new JsonObject
        {
            ["fields"] = Wire.Array(type.Fields.Select(f => (JsonNode?)Field(f))),
        },
        ["injectors"] = new JsonObject(),
    };

    private static JsonObject Field(CredentialInputField f)
    {
        var o = new JsonObject { ["id"] = f.Id, ["label"] = f.Label, ["type"] = "string" };
        if (f.Secret)
        {
            o["secret"] = true;
        }
        if (f.Multiline)
        {
            o["multiline"] = true;
        }
        if (f.AskAtRuntime)
        {
            o["ask_at_runtime"] = true;
        }
        return o;
    }
}
