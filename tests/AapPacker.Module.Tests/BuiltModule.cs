using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AapPacker.Module.Tests;

/// <summary>
/// The module as build.ps1 assembles it (out/AapPacker), never the project output: these tests exercise the
/// loading design, so they must load exactly what ships.
/// </summary>
internal static class BuiltModule
{
    private static readonly Lazy<string> Manifest = new(Locate);

    /// <summary>Full path of the built AapPacker.psd1.</summary>
    public static string ManifestPath => Manifest.Value;

    /// <summary>A new runspace (PowerShell's default session state, Core cmdlets only) with the module imported.</summary>
    public static Runspace OpenRunspace(PSThreadOptions threadOptions = PSThreadOptions.Default)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ManifestPath);
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.ThreadOptions = threadOptions;
        runspace.Open();
        return runspace;
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AAPPACKER_MODULE_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new InvalidOperationException($"AAPPACKER_MODULE_PATH points at {fromEnvironment}, which does not exist.");
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AapPacker.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Cannot find the repository (AapPacker.sln) above " + AppContext.BaseDirectory + "; set AAPPACKER_MODULE_PATH.");
        }

        var outRoot = Environment.GetEnvironmentVariable("AAPPACKER_OUT");
        var manifest = Path.Combine(string.IsNullOrEmpty(outRoot) ? Path.Combine(directory.FullName, "out") : outRoot, "AapPacker", "AapPacker.psd1");
        return File.Exists(manifest)
            ? manifest
            : throw new InvalidOperationException($"The module is not built ({manifest} is missing): run 'dotnet pwsh ./build.ps1 -Task Build' first.");
    }
}
