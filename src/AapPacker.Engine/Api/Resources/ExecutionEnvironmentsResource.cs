using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>The execution environments a launch can name (<c>execution_environments/</c>): one by id, all of one exact name.</summary>
public sealed class ExecutionEnvironmentsResource
{
    /// <summary>The collection path.</summary>
    public const string Collection = "execution_environments/";

    private readonly IAapApi _api;

    /// <summary>Wraps an API.</summary>
    public ExecutionEnvironmentsResource(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>One execution environment by id.</summary>
    public Task<NamedObject> GetAsync(int id, CancellationToken cancellationToken) => NamedLookups.GetAsync(_api, Collection, id, cancellationToken);

    /// <summary>Every execution environment named exactly <paramref name="name"/> (names are case-sensitive).</summary>
    public Task<IReadOnlyList<NamedObject>> FindByNameAsync(string name, CancellationToken cancellationToken)
        => NamedLookups.FindByNameAsync(_api, Collection, name, cancellationToken);
}

/// <summary>Access: <c>api.ExecutionEnvironments()</c>.</summary>
internal static class ExecutionEnvironmentsResourceAccess
{
    /// <summary>execution environments.</summary>
    public static ExecutionEnvironmentsResource ExecutionEnvironments(this IAapApi api) => new ExecutionEnvironmentsResource(api);
}
