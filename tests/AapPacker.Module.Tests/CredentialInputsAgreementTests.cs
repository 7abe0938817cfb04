using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AapPacker.TestSecrets;

namespace AapPacker.Module.Tests;

/// <summary>
/// New-AapTempCredential and Invoke-AapPackerProvision build the Machine credential the same way: the same refusal
/// of a key given twice, and each its own documented error id when there is nothing to log in with.
/// </summary>
public sealed class CredentialInputsAgreementTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly SimulatorFixture _simulator;
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "aappacker-agree-" + Guid.NewGuid().ToString("N"));

    public CredentialInputsAgreementTests(SimulatorFixture simulator)
    {
        _simulator = simulator;
        File.WriteAllText(_keyFile, TestSecretCatalog.PrivateKey);
    }

    public void Dispose() => File.Delete(_keyFile);

    [Fact]
    public async Task Given_a_key_as_text_and_as_a_file_when_either_cmdlet_builds_a_credential_then_both_refuse_it_alike()
    {
        await _simulator.Control.ResetAsync();
        using var runspace = BuiltModule.OpenRunspace();

        var single = Error(runspace, ps => NewCredential(ps).AddParameter("SshPrivateKey", TestSecrets.Of(TestSecretCatalog.PrivateKey)).AddParameter("SshPrivateKeyPath", _keyFile));
        var build = Error(runspace, ps => Provision(ps).AddParameter("SshPrivateKey", TestSecrets.Of(TestSecretCatalog.PrivateKey)).AddParameter("SshPrivateKeyPath", _keyFile));

        Assert.StartsWith("SshKeyGivenTwice", single.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith("SshKeyGivenTwice", build.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(single.ErrorDetails.RecommendedAction, build.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task Given_no_key_and_no_password_when_either_cmdlet_builds_a_credential_then_each_keeps_its_documented_error_id()
    {
        await _simulator.Control.ResetAsync();
        using var runspace = BuiltModule.OpenRunspace();

        var single = Error(runspace, NewCredential);
        var build = Error(runspace, ps => Provision(ps));

        Assert.StartsWith("CredentialSecretMissing", single.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("-Password", single.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.StartsWith("TargetSecretMissing", build.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("-TargetPassword", build.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    private PowerShell NewCredential(PowerShell ps)
        => ps.AddCommand("Connect-Aap").AddParameter("Uri", _simulator.BaseUri.ToString()).AddParameter("Token", TestSecrets.Of(TestSecretCatalog.AdminToken))
            .AddStatement().AddCommand("New-AapTempCredential").AddParameter("Organization", "Default").AddParameter("UserName", "ec2-user")
            .AddParameter("BuildId", "agree").AddParameter("Confirm", false);

    private PowerShell Provision(PowerShell ps)
        => ps.AddCommand("Invoke-AapPackerProvision").AddParameter("Uri", _simulator.BaseUri.ToString()).AddParameter("Token", TestSecrets.Of(TestSecretCatalog.AdminToken))
            .AddParameter("JobTemplate", "Baseline").AddParameter("Organization", "Default").AddParameter("TargetHost", "10.0.0.5")
            .AddParameter("TargetUser", "ec2-user").AddParameter("BuildId", "agree").AddParameter("Confirm", false);

    private static ErrorRecord Error(Runspace runspace, Func<PowerShell, PowerShell> build)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException e)
        {
            return e.ErrorRecord;
        }

        return Assert.Single(ps.Streams.Error);
    }
}
