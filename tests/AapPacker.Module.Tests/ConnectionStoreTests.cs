using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AapPacker.TestSecrets;

namespace AapPacker.Module.Tests;

/// <summary>Connections belong to the runspace that made them.</summary>
public sealed class ConnectionStoreTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _simulator;

    public ConnectionStoreTests(SimulatorFixture simulator) => _simulator = simulator;

    [Fact]
    public async Task Given_two_runspaces_when_one_connects_then_the_other_has_no_connection()
    {
        await _simulator.Control.ResetAsync();
        using var first = BuiltModule.OpenRunspace();
        using var second = BuiltModule.OpenRunspace();

        var connected = Run(first, ps => ps.AddCommand("Connect-Aap")
            .AddParameter("Uri", _simulator.BaseUri.ToString())
            .AddParameter("Token", TestSecrets.Of(TestSecretCatalog.AdminToken))
            .AddParameter("PassThru"));
        Assert.Equal("admin", connected.Single().Properties["User"].Value);

        using var other = PowerShell.Create();
        other.Runspace = second;
        var seen = other.AddCommand("Get-AapConnection").Invoke();
        Assert.Empty(seen);
        var error = Assert.Single(other.Streams.Error);
        Assert.StartsWith("AapNotConnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);

        var stillThere = Run(first, ps => ps.AddCommand("Get-AapConnection"));
        Assert.Same(connected.Single().BaseObject, stillThere.Single().BaseObject);
    }

    [Fact]
    public async Task Given_a_connection_from_another_runspace_when_it_is_disconnected_here_then_it_is_unknown_and_stays_open_there()
    {
        await _simulator.Control.ResetAsync();
        using var first = BuiltModule.OpenRunspace();
        using var second = BuiltModule.OpenRunspace();
        var connection = Run(first, ps => ps.AddCommand("Connect-Aap")
            .AddParameter("Uri", _simulator.BaseUri.ToString())
            .AddParameter("Token", TestSecrets.Of(TestSecretCatalog.AdminToken))
            .AddParameter("PassThru")).Single();

        using var other = PowerShell.Create();
        other.Runspace = second;
        other.AddCommand("Disconnect-Aap").AddParameter("Connection", connection).Invoke();
        var error = Assert.Single(other.Streams.Error);
        Assert.StartsWith("AapConnectionUnknown,", error.FullyQualifiedErrorId, StringComparison.Ordinal);

        Assert.Single(Run(first, ps => ps.AddCommand("Get-AapConnection")));
    }

    private static System.Collections.ObjectModel.Collection<PSObject> Run(Runspace runspace, Action<PowerShell> build)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        var result = ps.Invoke();
        Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
        return result;
    }
}
