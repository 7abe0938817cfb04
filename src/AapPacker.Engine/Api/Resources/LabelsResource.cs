using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>The labels a launch can name (<c>labels/</c>): one by id, all of one exact name.</summary>
public sealed class LabelsResource
{
    /// <summary>The collection path.</summary>
    public const string Collection = "labels/";

    private readonly IAapApi _api;

    /// <summary>Wraps an API.</summary>
    public LabelsResource(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>One label by id.</summary>
    public Task<NamedObject> GetAsync(int id, CancellationToken cancellationToken) => NamedLookups.GetAsync(_api, Collection, id, cancellationToken);

    /// <summary>Every label named exactly <paramref name="name"/> (names are case-sensitive).</summary>
    public Task<IReadOnlyList<NamedObject>> FindByNameAsync(string name, CancellationToken cancellationToken)
        => NamedLookups.FindByNameAsync(_api, Collection, name, cancellationToken);
}

/// <summary>Access: <c>api.Labels()</c>.</summary>
internal static class LabelsResourceAccess
{
    /// <summary>labels.</summary>
    public static LabelsResource Labels(this IAapApi api) => new LabelsResource(api);
}
