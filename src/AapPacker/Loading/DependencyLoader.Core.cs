#if NETCOREAPP
using System.Reflection;
using System.Runtime.Loader;

namespace AapPacker.Loading;

/// <content>
/// PowerShell 7: only AapPacker.Engine is redirected, into <see cref="EngineLoadContext"/>; everything the
/// Engine needs then resolves inside that context, away from whatever other modules loaded.
/// </content>
internal static partial class DependencyLoader
{
    // Created on first registration (not in a static initializer: field order across partial files is not ours to rely on).
    private static EngineLoadContext? _engineContext;

    static partial void AddHandler()
    {
        _engineContext ??= new EngineLoadContext(DependencyDirectory);
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    static partial void RemoveHandler() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Only the Engine, and only when the request comes from the default context (our cmdlets):
        // redirecting other names here would change how unrelated modules bind.
        return name.Name == EngineAssemblyName && _engineContext != null ? _engineContext.LoadFromAssemblyName(name) : null;
    }
}
#endif
