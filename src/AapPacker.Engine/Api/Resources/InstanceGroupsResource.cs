using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>The instance groups a launch can name (<c>instance_groups/</c>): one by id, all of one exact name.</summary>
public sealed class InstanceGroupsResource
{
    /// <summary>The collection path.</summary>
    public const string Collection = "instance_groups/";

    private readonly IAapApi _api;

    /// <summary>Wraps an API.</summary>
    public InstanceGroupsResource(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>One instance group by id.</summary>
    public Task<NamedObject> GetAsync(int id, CancellationToken cancellationToken) => NamedLookups.GetAsync(_api, Collection, id, cancellationToken);

    /// <summary>Every instance group named exactly <paramref name="name"/> (names are case-sensitive).</summary>
    public Task<IReadOnlyList<NamedObject>> FindByNameAsync(string name, CancellationToken cancellationToken)
        => NamedLookups.FindByNameAsync(_api, Collection, name, cancellationToken);
}

/// <summary>Access: <c>api.InstanceGroups()</c>.</summary>
internal static class InstanceGroupsResourceAccess
{
    /// <summary>instance groups.</summary>
    public static InstanceGroupsResource InstanceGroups(this IAapApi api) => new InstanceGroupsResource(api);
}
