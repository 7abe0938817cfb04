using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Auth;
using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>
/// Personal access tokens: the controller's <c>tokens/</c> (<c>OAuth2TokenList</c>, <c>OAuth2TokenSerializer</c> in
/// <c>awx/api/serializers.py</c>) and, on the gateway layout, <c>/api/gateway/v1/tokens/</c> (django-ansible-base
/// <c>oauth2_provider</c>). Created with Basic or a write token (a read token, an auditor or a user without roles gets
/// the usual 403); the token text is shown only in the POST answer, later reads show the censor value; scope is
/// <c>read</c> or <c>write</c> (default write); no applications, so <c>application</c> must be null. A user sees and
/// deletes only their own tokens (a superuser all of them); a deleted token stops authenticating at once.
/// </summary>
internal static class Tokens
{
    private const string Censor = "************";
    private const string GatewayPrefix = "/api/gateway/v1/";

    public static void Map(ApiRouter r, Layout layout)
    {
        Map(r, "tokens/", gateway: false);
        if (layout.IsGateway)
        {
            Map(r, GatewayPrefix + "tokens/", gateway: true);
        }
    }

    private static void Map(ApiRouter r, string collection, bool gateway)
    {
        r.Get(collection, req => ApiResult.Ok(Paging.Page(req, ListFilter.Apply(req, "OAuth2AccessToken",
            Visible(req, gateway).Select(t => ToJson(req, t, gateway, created: false)), "id").ToList())));
        r.Post(collection, req => Create(req, gateway));
        r.Get(collection + "{id}/", req => ApiResult.Ok(ToJson(req, Find(req, gateway), gateway, created: false)));
        r.Delete(collection + "{id}/", req =>
        {
            req.Store.Tokens.Remove(Find(req, gateway));
            return ApiResult.Empty(204);
        });
    }

    private static IEnumerable<SimToken> Visible(ApiRequest req, bool gateway)
        => req.Store.Tokens.Where(t => t.Gateway == gateway && (req.User.IsSuperuser || t.UserId == req.User.Id));

    private static SimToken Find(ApiRequest req, bool gateway)
        => Visible(req, gateway).FirstOrDefault(t => t.Id == req.Id()) ?? throw new ApiException(ApiResult.NotFound("OAuth2AccessToken"));

    private static ApiResult Create(ApiRequest req, bool gateway)
    {
        var body = req.ReadObject();
        var v = new Validation();
        var description = v.Text(body, "description", maxLength: 200, nullAsEmpty: true) ?? "";
        var scope = "write";
        if (body.TryGetPropertyValue("scope", out var scopeNode))
        {
            var text = scopeNode is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? sv.GetValue<string>() : null;
            var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (scopeNode is null)
            {
                v.Add("scope", "This field may not be null.");
            }
            else if (words.Length == 0 || words.Distinct().Count() != words.Length || words.Any(w => w is not ("read" or "write")))
            {
                v.Add("scope", "Must be a simple space-separated string with allowed scopes ['read', 'write'].");
            }
            else
            {
                scope = words.Contains("write") ? "write" : "read";
            }
        }
        v.Pk(body, "application", _ => false);
        v.ThrowIfAny();
        var token = new SimToken(RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 30), req.User.Id, scope)
        {
            Id = req.Store.NextId("token"),
            Description = description,
            Created = req.Now,
            Gateway = gateway,
        };
        req.Store.Tokens.Add(token);
        return ApiResult.Created(ToJson(req, token, gateway, created: true), Url(req, token, gateway));
    }

    private static string Url(ApiRequest req, SimToken t, bool gateway)
        => gateway ? $"{GatewayPrefix}tokens/{t.Id}/" : req.Url("tokens", t.Id);

    private static JsonObject ToJson(ApiRequest req, SimToken t, bool gateway, bool created)
    {
        var user = req.Store.Users.FirstOrDefault(u => u.Id == t.UserId);
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["type"] = gateway ? "oauth2token" : "o_auth2_access_token",
            ["url"] = Url(req, t, gateway),
            ["related"] = new JsonObject
            {
                ["user"] = gateway ? $"{GatewayPrefix}users/{t.UserId}/" : req.Url("users", t.UserId),
                ["activity_stream"] = gateway ? $"{GatewayPrefix}activitystream/?content_type=oauth2token&object_id={t.Id}" : req.Url("tokens", t.Id, "activity_stream"),
            },
            ["summary_fields"] = new JsonObject
            {
                ["user"] = user is null ? null : new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["first_name"] = "", ["last_name"] = "" },
            },
            ["created"] = Wire.Time(t.Created),
            ["modified"] = Wire.Time(t.Created),
            ["description"] = t.Description,
            ["user"] = t.UserId,
            ["token"] = created ? t.Token : gateway ? "$encrypted$" : Censor,
            ["refresh_token"] = null,
            ["application"] = null,
            ["expires"] = Wire.Time(t.Created.AddYears(1000)),
            ["scope"] = t.Scope,
        };
        if (gateway)
        {
            o["created_by"] = t.UserId;
            o["modified_by"] = t.UserId;
            o["last_used"] = null;
        }
        return o;
    }
}
