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

    /// <summary>The path of <paramref name="name"/> in <c>deps/</c>, or null when we do not ship it.</summary>
    internal static string? FindInDependencyDirectory(AssemblyName name)
    {
        if (string.IsNullOrEmpty(name.Name))
        {
            return null;
        }

        var path = Path.Combine(DependencyDirectory, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }

    static partial void AddHandler();

    static partial void RemoveHandler();
}
