using System.Reflection;
using System.Runtime.Loader;

namespace AapPacker.Module.Tests;

/// <summary>
/// The built module's own types (out/AapPacker, as it ships), reached by reflection after an import: the module's
/// internals are tested as loaded, never from a second copy of its assembly.
/// </summary>
internal static class ModuleInternals
{
    private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly Lazy<Assembly[]> Assemblies = new(Load);

    /// <summary>A type of the module or of its own assemblies (engine, models), as the module loaded them.</summary>
    public static Type Type(string fullName)
        => Assemblies.Value.Select(a => a.GetType(fullName)).FirstOrDefault(t => t != null)
           ?? throw new TypeLoadException(fullName + " is not in the built module.");

    /// <summary>Calls a static method (the overload with exactly these parameter types).</summary>
    public static object? Call(string typeName, string method, Type[] parameterTypes, params object?[] arguments)
        => (Type(typeName).GetMethod(method, Static, parameterTypes) ?? throw new MissingMethodException(typeName, method)).Invoke(null, arguments);

    /// <summary>A member of an engine or module enum.</summary>
    public static object Enum(string typeName, string member) => System.Enum.Parse(Type(typeName), member);

    private static Assembly[] Load()
    {
        using var runspace = BuiltModule.OpenRunspace();
        var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "AapPacker" && a.GetType("AapPacker.Commands.AddAapHostCommand") != null);
        var context = AssemblyLoadContext.GetLoadContext(module) ?? AssemblyLoadContext.Default;
        var engine = context.LoadFromAssemblyName(module.GetReferencedAssemblies().Single(r => r.Name == "AapPacker.Engine"));
        var models = context.LoadFromAssemblyName(module.GetReferencedAssemblies().Single(r => r.Name == "AapPacker.Models"));
        return [module, engine, models];
    }
}
