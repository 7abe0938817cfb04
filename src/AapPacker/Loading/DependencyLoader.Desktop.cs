#if NETFRAMEWORK
using System;
using System.Reflection;

namespace AapPacker.Loading;

/// <content>
/// Windows PowerShell 5.1 has no load contexts and no binding redirects for modules: the Engine and the
/// netstandard polyfills it needs (System.Text.Json, System.Memory, ...) are resolved by simple name from
/// <c>deps/</c>, whatever version the reference asks for.
/// </content>
internal static partial class DependencyLoader
{
    static partial void AddHandler() => AppDomain.CurrentDomain.AssemblyResolve += ResolveByName;

    static partial void RemoveHandler() => AppDomain.CurrentDomain.AssemblyResolve -= ResolveByName;

    private static Assembly? ResolveByName(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        var path = FindInDependencyDirectory(name);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
#endif
