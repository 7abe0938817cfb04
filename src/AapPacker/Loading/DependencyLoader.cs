using System;
using System.IO;
using System.Reflection;

namespace AapPacker.Loading;

/// <summary>
/// Installs and removes the assembly resolver for the module's private dependencies in <c>deps/</c>
/// (next to AapPacker.dll). Counted: every runspace of a process that imports the module shares the one
/// handler, and it goes only when the last import is removed.
/// </summary>
internal static partial class DependencyLoader
{
    private static readonly object Gate = new object();
    private static int _imports;

    /// <summary>The folder holding AapPacker.Engine.dll and its dependencies.</summary>
    internal static string DependencyDirectory { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? AppContext.BaseDirectory, "deps");

    /// <summary>The one assembly the cmdlets reference directly that lives in <c>deps/</c>.</summary>
    internal const string EngineAssemblyName = "AapPacker.Engine";

    internal static void Register()
    {
        lock (Gate)
        {
            if (_imports++ == 0)
            {
                AddHandler();
            }
        }
    }

    internal static void Unregister()
    {
        lock (Gate)
        {
            if (_imports > 0 && --_imports == 0)
            {
                RemoveHandler();
            }
        }
    }

    /// <summary>
    /// The path of <paramref name="name"/> in <c>deps/</c>, or null when we do not ship it: its copy precompiled for
    /// this runtime and platform (<see cref="PrecompiledFolder"/>) when there is one, else the plain one.
    /// </summary>
    internal static string? FindInDependencyDirectory(AssemblyName name) => FindIn(DependencyDirectory, PrecompiledFolder, name);

    /// <summary>
    /// The sub-folder of <c>deps/</c> whose ReadyToRun images this runtime can run, e.g. <c>net10.0-linux-x64</c>
    /// (build/tasks/Build.ps1 makes it), or null (Windows PowerShell). Images of another .NET major are ignored by
    /// the runtime, and images of another platform fail to load: hence the runtime's own identifier, exactly.
    /// </summary>
    internal static string? PrecompiledFolder { get; } = PrecompiledFolderFor();

    internal static string? FindIn(string directory, string? precompiledFolder, AssemblyName name)
    {
        if (string.IsNullOrEmpty(name.Name))
        {
            return null;
        }

        if (precompiledFolder != null)
        {
            var precompiled = Path.Combine(directory, precompiledFolder, name.Name + ".dll");
            if (File.Exists(precompiled))
            {
                return precompiled;
            }
        }

        var path = Path.Combine(directory, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static string? PrecompiledFolderFor()
    {
#if NETCOREAPP
        return "net" + Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0-" + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
#else
        return null;
#endif
    }

    static partial void AddHandler();

    static partial void RemoveHandler();
}
