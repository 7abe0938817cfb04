using System.Text.Json.Nodes;
using AapPacker.Simulator.Auth;
using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>Users (only <c>me/</c> and the user detail are served).</summary>
internal static class Users
{
    public static void Map(ApiRouter r)
    {
        r.Get("users/{id}/", req =>
        {
            var user = req.Store.Users.FirstOrDefault(u => u.Id == req.Id());
            return user is null ? ApiResult.NotFound("User") : ApiResult.Ok(ToJson(req, user));
        });
    }

    public static JsonObject ToJson(ApiRequest req, SimUser user) => new()
    {
        ["id"] = user.Id,
        ["type"] = "user",
        ["url"] = req.Url("users", user.Id),
        ["related"] = new JsonObject { ["teams"] = req.Url("users", user.Id, "teams"), ["organizations"] = req.Url("users", user.Id, "organizations") },
        ["summary_fields"] = new JsonObject { ["user_capabilities"] = new JsonObject { ["edit"] = user.IsSuperuser, ["delete"] = false } },
        ["created"] = Wire.Time(user.Created),
        ["modified"] = null,
        ["username"] = user.Username,
        ["first_name"] = "",
        ["last_name"] = "",
        ["email"] = "",
        ["is_superuser"] = user.IsSuperuser,
        ["is_system_auditor"] = user.IsAuditor,
        ["password"] = "$encrypted$",
        ["ldap_dn"] = "",
        ["last_login"] = Wire.Time(req.Now),
        ["external_account"] = null,
    };
}
