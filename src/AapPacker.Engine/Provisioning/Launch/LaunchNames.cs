using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Provisioning;

/// <summary>Resolves the launch fields given by name (execution environment, labels, instance groups) into a <see cref="LaunchRequest"/>'s ids.</summary>
internal static class LaunchNames
{
    /// <summary>Sets <paramref name="launch"/>'s execution environment, labels and instance groups from names or ids; empty = not given.</summary>
    public static async Task ResolveAsync(NamedObjectResolver resolver, LaunchRequest launch, string? executionEnvironment,
        IEnumerable<string>? labels, IEnumerable<string>? instanceGroups, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(executionEnvironment))
        {
            launch.ExecutionEnvironment = (await resolver.ExecutionEnvironmentAsync(executionEnvironment!, cancellationToken).ConfigureAwait(false)).Id;
        }

        launch.Labels = await IdsAsync(labels, resolver.LabelAsync, cancellationToken).ConfigureAwait(false);
        launch.InstanceGroups = await IdsAsync(instanceGroups, resolver.InstanceGroupAsync, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IList<int>?> IdsAsync(IEnumerable<string>? namesOrIds, System.Func<string, CancellationToken, Task<ResolvedObject>> resolve, CancellationToken cancellationToken)
    {
        List<int>? ids = null;
        foreach (var name in namesOrIds ?? System.Array.Empty<string>())
        {
            ids ??= new List<int>();
            ids.Add((await resolve(name, cancellationToken).ConfigureAwait(false)).Id);
        }

        return ids;
    }
}
