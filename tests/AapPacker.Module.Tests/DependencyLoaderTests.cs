using System.Reflection;

namespace AapPacker.Module.Tests;

/// <summary>Which copy of a dependency the loader takes: the one precompiled for this runtime when shipped, else the plain one.</summary>
public sealed class DependencyLoaderTests : IDisposable
{
    private const string Loader = "AapPacker.Loading.DependencyLoader";
    private const string Folder = "net10.0-linux-x64";
    private readonly string _deps = Directory.CreateTempSubdirectory("aappacker-deps-").FullName;

    [Fact]
    public void Given_a_precompiled_copy_for_this_runtime_when_resolving_then_it_is_taken()
    {
        var plain = Touch("Polly.Core.dll");
        var precompiled = Touch(Path.Combine(Folder, "Polly.Core.dll"));

        Assert.Equal(precompiled, FindIn(_deps, Folder, new AssemblyName("Polly.Core")));
        Assert.Equal(plain, FindIn(_deps, null, new AssemblyName("Polly.Core")));
    }

    [Fact]
    public void Given_precompiled_copies_for_another_runtime_only_when_resolving_then_the_plain_copy_is_taken()
    {
        var plain = Touch("AapPacker.Engine.dll");
        Touch(Path.Combine("net10.0-win-x64", "AapPacker.Engine.dll"));
        Touch(Path.Combine(Folder, "YamlDotNet.dll"));

        Assert.Equal(plain, FindIn(_deps, Folder, new AssemblyName("AapPacker.Engine")));
        Assert.Null(FindIn(_deps, Folder, new AssemblyName("Not.Shipped")));
    }

    [Fact]
    public void The_folder_names_this_runtime_and_platform_exactly()
        => Assert.Equal($"net{Environment.Version.Major}.0-{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}", ModuleInternals.Type(Loader).GetProperty("PrecompiledFolder", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null));

    public void Dispose() => Directory.Delete(_deps, recursive: true);

    private static string? FindIn(string directory, string? folder, AssemblyName name)
        => (string?)ModuleInternals.Call(Loader, "FindIn", [typeof(string), typeof(string), typeof(AssemblyName)], directory, folder, name);

    private string Touch(string relative)
    {
        var path = Path.Combine(_deps, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }
}
