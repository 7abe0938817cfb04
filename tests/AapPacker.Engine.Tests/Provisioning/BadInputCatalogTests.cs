using System.Collections;
using AapPacker.Engine.Api;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>
/// The bad-input catalog at engine level: each case gives a clear error with a stable id and a recommended action,
/// the documented exit code, and the simulator holds nothing of AapPacker's afterwards.
/// </summary>
public sealed class BadInputCatalogTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private static readonly string PublicKeyFile = WriteTemp("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host\n");
    private static readonly string EmptyFile = WriteTemp("");

    private AapClient? _client;
    private IAapApi _api = null!;

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "aappacker-catalog-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        (_client, _api) = await LifecycleHarness.ConnectAsync(fixture);
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    // The request types are internal to the engine, so the theory's data is the case's name and the spoiling
    // action is looked up here.
    private static readonly Dictionary<string, (Action<ProvisioningRequest> Spoil, string ErrorId)> Catalog = new()
    {
        ["unknown template"] = (r => r.JobTemplate = "Nope", "JobTemplateNotFound"),
        ["unknown template id"] = (r => r.JobTemplate = "99999", "JobTemplateNotFound"),
        ["unknown organization"] = (r => r.Organization = "Nope", "OrganizationNotFound"),
        ["unknown organization id"] = (r => r.Organization = "4242", "OrganizationNotFound"),
        ["no organization"] = (r => r.Organization = null, "OrganizationMissing"),
        ["no template"] = (r => r.JobTemplate = null, "TemplateNotGiven"),
        ["both templates"] = (r => r.WorkflowJobTemplate = "Image Pipeline", "TemplateNotGiven"),
        ["template without prompts"] = (r => r.JobTemplate = "No Prompts", "LaunchPreflightFailed"),
        ["unprompted limit"] = (r => r.Launch.Limit = "web", "TemplateDoesNotPromptForLimit"),
        ["required survey variable missing"] = (r => r.JobTemplate = "Survey Template", "SurveyVariablesMissing"),
        ["workflow without -NoCredential"] = (r => { r.JobTemplate = null; r.WorkflowJobTemplate = "Image Pipeline"; }, WorkflowCredentialPolicy.ErrorId),
        ["workflow with an unprompted field"] = (r => { r.JobTemplate = null; r.WorkflowJobTemplate = "Strict Workflow"; r.Credential.None = true; r.Credential.SshPrivateKey = null; }, "TemplateDoesNotPromptForInventory"),
        ["missing key file"] = (r => { r.Credential.SshPrivateKey = null; r.Credential.SshPrivateKeyPath = "/nonexistent/id_rsa"; }, "SshKeyFileNotFound"),
        ["public key instead of private"] = (r => { r.Credential.SshPrivateKey = null; r.Credential.SshPrivateKeyPath = PublicKeyFile; }, "InvalidSshKey"),
        ["empty key file"] = (r => { r.Credential.SshPrivateKey = null; r.Credential.SshPrivateKeyPath = EmptyFile; }, "InvalidSshKey"),
        ["encrypted key without passphrase"] = (r => r.Credential.SshPrivateKey = SecretText.FromPlainText(SshPrivateKeyTests.OpenSshKey("aes256-ctr")), "EncryptedSshKeyWithoutPassphrase"),
        ["passphrase for an unencrypted key"] = (r => r.Credential.SshKeyPassphrase = SecretText.FromPlainText("x"), "PassphraseForUnencryptedSshKey"),
        ["no key and no password"] = (r => r.Credential.SshPrivateKey = null, "TargetSecretMissing"),
        ["key given as text and as a file"] = (r => r.Credential.SshPrivateKeyPath = PublicKeyFile, "SshKeyGivenTwice"),
        ["<unknown> host from Packer"] = (r => { r.Target.Host = null; r.Packer = new PackerTarget { Host = PackerValue.OrNull("<unknown>") }; }, "TargetHostMissing"),
        ["host with spaces"] = (r => r.Target.Host = "my host", "InvalidTargetAddress"),
        ["port out of range"] = (r => r.Target.Port = 70000, "InvalidTargetPort"),
        ["unsupported connection type"] = (r => r.Target.ConnectionType = "docker", "InvalidConnectionType"),
        ["bad WinRM transport"] = (r => { r.Target.ConnectionType = "winrm"; r.Target.WinRmTransport = "magic"; }, "InvalidWinRmSetting"),
        ["bad extra vars JSON"] = (r => r.Launch.ExtraVars = "{\"a\": }", "InvalidExtraVars"),
        ["extra vars not a mapping"] = (r => r.Launch.ExtraVars = "- a\n- b", "InvalidExtraVars"),
        ["password in host variables"] = (r => r.Target.HostVariables = new Dictionary<string, object?> { ["ansible_password"] = "x" }, "SecretInVariables"),
        ["host variable contradicting -Port"] = (r => { r.Target.Port = 22; r.Target.HostVariables = new Dictionary<string, object?> { ["ansible_port"] = 2222 }; }, "ConflictingHostVariable"),
        ["ASK as password"] = (r => { r.Credential.SshPrivateKey = null; r.Credential.Password = SecretText.FromPlainText("ASK"); }, "AskPasswordNotSupported"),
        ["-NoCredential with a key"] = (r => r.Credential.None = true, "SecretWithNoCredential"),
        ["unknown extra credential"] = (r => r.Credential.Extra = ["No Such Credential"], "CredentialNotFound"),
        ["a second Machine credential"] = (r => r.Credential.Extra = ["Demo Credential"], "SecondMachineCredential"),
        ["unknown existing inventory"] = (r => r.Target.InventoryId = "Nope", "InventoryNotFound"),
    };

    public static TheoryData<string> Cases => new(Catalog.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Given_bad_input_when_provisioning_then_a_clear_error_exit_code_4_and_nothing_left(string name)
    {
        var (spoil, errorId) = Catalog[name];
        var request = LifecycleHarness.Request("Baseline");
        spoil(request);

        var outcome = await new ProvisioningSession(_api, new RecordingReporter()).RunAsync(request, CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.ConfigurationError, $"{name}: {outcome}");
        Assert.Equal(errorId, outcome.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(outcome.RecommendedAction), name);
        Assert.DoesNotContain(LifecycleHarness.PrivateKeyPem.Split('\n')[1][..24], outcome.Error!.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        Assert.Empty(await LifecycleHarness.LaunchesAsync(fixture));
    }

    [Fact]
    public async Task Given_a_read_only_token_when_provisioning_then_the_403_is_a_configuration_error_and_nothing_left()
    {
        using var reader = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri, Secrets.ReadToken));

        var outcome = await new ProvisioningSession(new AapClientApi(reader)).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.Equal(AapProvisionExitCode.ConfigurationError, outcome.ExitCode);
        Assert.Equal("AapForbidden", outcome.ErrorId);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_aap_unreachable_mid_preflight_when_provisioning_then_exit_code_5_and_nothing_left()
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("GET", "launch/$", "reset"));

        var outcome = await new ProvisioningSession(_api).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.Equal(AapProvisionExitCode.ApiError, outcome.ExitCode);
        await fixture.Control.ClearFaultsAsync();
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_aap_refusing_the_host_after_the_inventory_exists_when_provisioning_then_exit_code_5_and_the_inventory_is_removed()
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/hosts/$", "status") { Status = 500 });

        var outcome = await new ProvisioningSession(_api, new RecordingReporter()).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.Equal(AapProvisionExitCode.ApiError, outcome.ExitCode);
        Assert.NotNull(outcome.Cleanup);
        await fixture.Control.ClearFaultsAsync();
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }
}
