using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>The little RBAC the seed users need: a user with no roles sees nothing and may create nothing.</summary>
internal static class Rbac
{
    public static IEnumerable<T> Readable<T>(ApiRequest req, IEnumerable<T> items) => req.User.NoRights ? [] : items;

    public static ApiResult Detail(ApiRequest req, JsonObject body) => req.User.NoRights ? ApiResult.Forbidden() : ApiResult.Ok(body);
}
