using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>Reads of a collection whose objects are only referred to: one by id, all of one exact name.</summary>
internal static class NamedLookups
{
    public static async Task<NamedObject> GetAsync(IAapApi api, string collection, int id, CancellationToken cancellationToken)
        => Read(await api.GetAsync(collection + id.ToString(CultureInfo.InvariantCulture) + "/", cancellationToken).ConfigureAwait(false));

    public static async Task<IReadOnlyList<NamedObject>> FindByNameAsync(IAapApi api, string collection, string name, CancellationToken cancellationToken)
    {
        var found = new List<NamedObject>();
        await foreach (var item in api.ListAsync(collection + "?name=" + Uri.EscapeDataString(name ?? ""), cancellationToken).ConfigureAwait(false))
        {
            var named = Read(item);
            if (string.Equals(named.Name, name, StringComparison.Ordinal))
            {
                found.Add(named);
            }
        }

        return found;
    }

    private static NamedObject Read(JsonElement json) => new NamedObject(json.Int("id") ?? 0, json.String("name") ?? "");
}
