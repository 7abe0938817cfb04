using System.Management.Automation;

namespace AapPacker.Loading;

/// <summary>
/// Runs when PowerShell imports the module, before any cmdlet runs: installs the resolver that loads
/// AapPacker.Engine and its dependencies from the module's own <c>deps</c> folder (a private
/// AssemblyLoadContext on PowerShell 7, resolve-by-simple-name on Windows PowerShell), so another
/// module's copy of Polly.Core or System.Text.Json polyfills cannot replace ours.
/// </summary>
public sealed class AapPackerModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnImport() => DependencyLoader.Register();

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Unregister();
}
