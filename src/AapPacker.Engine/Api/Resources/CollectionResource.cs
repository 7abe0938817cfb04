using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// What every AAP collection offers (<c>&lt;collection&gt;/</c> and <c>&lt;collection&gt;/&lt;id&gt;/</c>): read one
/// object, list, look up by exact name, delete, and create-or-adopt through <see cref="IAapApi.PostRetry"/>. A
/// resource class adds its own paths, query parameters and the mapping of AAP's fields to its record.
/// </summary>
/// <typeparam name="T">The record the resource returns.</typeparam>
internal abstract class CollectionResource<T>
    where T : class
{
    /// <summary>Wraps the API for the collection at <paramref name="collection"/> (e.g. <c>inventories/</c>).</summary>
    protected CollectionResource(IAapApi api, string collection)
    {
        Api = api ?? throw new ArgumentNullException(nameof(api));
        Collection = collection;
    }

    /// <summary>The API the resource calls.</summary>
    protected IAapApi Api { get; }

    /// <summary>The collection's path, with its trailing slash.</summary>
    protected string Collection { get; }

    /// <summary>GET one object; an <see cref="AapApiException"/> of kind NotFound when AAP has none with that id.</summary>
    public async Task<T> GetAsync(int id, CancellationToken cancellationToken)
        => Map(await Api.GetAsync(ItemPath(id), cancellationToken).ConfigureAwait(false));

    /// <summary>GET one object, or null when AAP answers 404.</summary>
    public async Task<T?> GetOrNullAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>DELETE one object: the status (200/202/204, or 404 when already gone); throws for anything else.</summary>
    public Task<int> DeleteAsync(int id, CancellationToken cancellationToken) => Api.DeleteAsync(ItemPath(id), cancellationToken);

    /// <summary>The objects named exactly <paramref name="name"/> on the first page of <c>?name=</c>.</summary>
    public Task<IReadOnlyList<T>> FindByNameAsync(string name, CancellationToken cancellationToken)
        => FirstPageAsync(Collection, NameQuery(name), cancellationToken);

    /// <summary>Maps one of AAP's documents of this collection to the record.</summary>
    internal abstract T Map(JsonElement json);

    /// <summary><c>&lt;collection&gt;/&lt;id&gt;/</c>.</summary>
    protected string ItemPath(int id) => Collection + Text(id) + "/";

    /// <summary>Every object of <paramref name="list"/> with <paramref name="query"/>, following <c>next</c>.</summary>
    protected async IAsyncEnumerable<T> ListAsync(string list, IReadOnlyList<string> query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in Api.ListAsync(WithQuery(list, query), cancellationToken).ConfigureAwait(false))
        {
            yield return Map(item);
        }
    }

    /// <summary>The first page of <paramref name="list"/> with <paramref name="query"/>.</summary>
    protected async Task<IReadOnlyList<T>> FirstPageAsync(string list, IReadOnlyList<string> query, CancellationToken cancellationToken)
    {
        var page = await Api.GetAsync(WithQuery(list, query), cancellationToken).ConfigureAwait(false);
        var found = new List<T>();
        if (page.Property("results") is { ValueKind: JsonValueKind.Array } results)
        {
            foreach (var item in results.EnumerateArray())
            {
                found.Add(Map(item.Clone()));
            }
        }

        return found;
    }

    /// <summary>
    /// POSTs a create whose name is unique per build through <see cref="IAapApi.PostRetry"/>: after a transient failure
    /// the object is looked up by that name (<paramref name="lookup"/> on <paramref name="list"/>) and adopted when
    /// exactly one is found, else created again after the backoff, so it is never made twice nor left unrecorded.
    /// </summary>
    protected async Task<T> CreateOrAdoptAsync(string what, string list, object body, IReadOnlyList<string> lookup, CancellationToken cancellationToken)
    {
        var created = await Api.PostRetry.RunAsync("Create " + what, () => Api.PostAsync(list, body, CancellationToken.None),
            async _ =>
            {
                var page = await Api.GetAsync(WithQuery(list, lookup), CancellationToken.None).ConfigureAwait(false);
                return page.Property("results") is { ValueKind: JsonValueKind.Array } results && results.GetArrayLength() == 1
                    ? results[0].Clone()
                    : (JsonElement?)null;
            },
            cancellationToken).ConfigureAwait(false);
        return Map(created);
    }

    /// <summary><c>name=&lt;name&gt;</c>.</summary>
    protected static List<string> NameQuery(string name) => new List<string> { "name=" + Uri.EscapeDataString(name) };

    /// <summary>An id as AAP's paths and queries spell it.</summary>
    protected static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="list"/> followed by <c>?a&amp;b</c>, or alone when there is no query.</summary>
    protected static string WithQuery(string list, IReadOnlyList<string> query)
        => query.Count == 0 ? list : list + "?" + string.Join("&", query);
}
