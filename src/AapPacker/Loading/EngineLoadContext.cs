#if NETCOREAPP
using System.Reflection;
using System.Runtime.Loader;
using AapPacker.Models;

namespace AapPacker.Loading;

/// <summary>
/// The private load context for AapPacker.Engine and its dependencies (Polly.Core, YamlDotNet, the
/// Microsoft.Bcl facades). Assemblies we ship in <c>deps/</c> load here; everything else (the framework's
/// System.Text.Json, and AapPacker.Models, whose types scripts name) comes from the default context.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private static readonly Assembly ModelsAssembly = typeof(AapConnectionInfo).Assembly;
    private readonly string _dependencyDirectory;

    public EngineLoadContext(string dependencyDirectory)
        : base("AapPacker.Engine", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Models must be the default context's copy, or AapConnectionInfo from the Engine would be a
        // different type than the one cmdlets and scripts see.
        if (assemblyName.Name == ModelsAssembly.GetName().Name)
        {
            return ModelsAssembly;
        }

        var path = DependencyLoader.FindInDependencyDirectory(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({_dependencyDirectory})";
}
#endif
