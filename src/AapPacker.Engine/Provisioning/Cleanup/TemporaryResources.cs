using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Creates a build's temporary inventory, host and Machine credential (aap-api.md §3–§5), each recorded in the
/// <see cref="BuildLedger"/> the moment AAP confirms it. The unique names make every create safe to retry:
/// after a transient failure the object is looked up by name and adopted, or created again.
/// </summary>
public sealed class TemporaryResources
{
    private readonly IAapApi _api;
    private readonly TimeProvider _time;

    /// <summary>Creates the factory.</summary>
    public TemporaryResources(IAapApi api, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates the temporary inventory (unique name, description marker for the sweep).</summary>
    public async Task<AapInventory> CreateInventoryAsync(BuildIdentity build, int organizationId, IDictionary<string, object?>? variables,
        BuildLedger? ledger, CancellationToken cancellationToken)
    {
        if (build is null)
        {
            throw new ArgumentNullException(nameof(build));
        }

        if (variables != null)
        {
            foreach (var pair in variables)
            {
                HostVariablesBuilder.CheckNotSecret(pair.Key, pair.Value, "inventory variable");
            }
        }

        var body = new Dictionary<string, object?>
        {
            ["name"] = BuildNaming.InventoryName(build),
            ["organization"] = organizationId,
            ["description"] = BuildNaming.Description(build, _time.GetUtcNow()),
            ["variables"] = variables is null || variables.Count == 0 ? "" : JsonValues.Serialize(JsonValues.Normalize(variables, "Variables")),
        };
        var name = (string)body["name"]!;
        var created = await AnnouncedAsync("inventory", name, null, ledger,
            () => PostOrFindAsync("inventory", "inventories/", body, "inventories/?name=" + Uri.EscapeDataString(name), cancellationToken)).ConfigureAwait(false);
        var inventory = ToInventory(created);
        ledger?.Record("inventory", inventory.Id, inventory.Name, inventory.ApiPath ?? "", _time.GetUtcNow());
        return inventory;
    }

    /// <summary>Adds a host to an inventory (sub-list POST, no <c>id</c>, variables as a JSON string).</summary>
    public async Task<AapHost> AddHostAsync(int inventoryId, HostVariables variables, string? name, string? buildId,
        BuildLedger? ledger, CancellationToken cancellationToken)
    {
        if (variables is null)
        {
            throw new ArgumentNullException(nameof(variables));
        }

        // A single ':' in a host name makes AAP move the part after it into ansible_ssh_port (§4.1); the address
        // itself goes into ansible_host, so the name only has to be unique and colon-free.
        var hostName = string.IsNullOrWhiteSpace(name) ? variables.Address : name!.Trim();
        if (hostName.IndexOf(':') >= 0 && hostName.IndexOf(':') == hostName.LastIndexOf(':'))
        {
            hostName = hostName.Replace(':', '_');
        }

        var body = new Dictionary<string, object?>
        {
            ["name"] = hostName,
            ["description"] = buildId is null ? "" : BuildNaming.HostDescription(buildId),
            ["enabled"] = true,
            ["variables"] = variables.Json,
        };
        var path = "inventories/" + inventoryId.ToString(CultureInfo.InvariantCulture) + "/hosts/";
        var created = await AnnouncedAsync("host", hostName, inventoryId, ledger,
            () => PostOrFindAsync("host", path, body, path + "?name=" + Uri.EscapeDataString(hostName), cancellationToken)).ConfigureAwait(false);
        var host = new AapHost
        {
            Id = created.Int("id") ?? 0,
            Name = created.String("name") ?? hostName,
            InventoryId = created.Int("inventory") ?? inventoryId,
            Address = variables.Address,
            Port = variables.Port,
            ConnectionType = variables.ConnectionType,
            BuildId = buildId,
            ApiPath = created.String("url"),
            Variables = new Dictionary<string, object?>(variables.Values),
        };
        ledger?.Record("host", host.Id, host.Name, host.ApiPath ?? "", _time.GetUtcNow(), host.InventoryId);
        return host;
    }

    /// <summary>Creates the temporary Machine credential, owned by the organization (exactly one owner, §5.3).</summary>
    public async Task<AapMachineCredential> CreateMachineCredentialAsync(BuildIdentity build, int organizationId, int machineTypeId,
        MachineCredentialInputs inputs, BuildLedger? ledger, CancellationToken cancellationToken)
    {
        if (build is null)
        {
            throw new ArgumentNullException(nameof(build));
        }

        if (inputs is null)
        {
            throw new ArgumentNullException(nameof(inputs));
        }

        inputs.Validate();
        var body = new Dictionary<string, object?>
        {
            ["name"] = BuildNaming.CredentialName(build),
            ["description"] = BuildNaming.Description(build, _time.GetUtcNow()),
            ["organization"] = organizationId,
            ["credential_type"] = machineTypeId,
            ["inputs"] = inputs.ToRequestInputs(),
        };
        JsonElement created;
        try
        {
            created = await AnnouncedAsync("credential", BuildNaming.CredentialName(build), null, ledger,
                () => PostOrFindAsync("credential", "credentials/", body,
                    "credentials/?name=" + Uri.EscapeDataString(BuildNaming.CredentialName(build)) + "&organization=" + organizationId.ToString(CultureInfo.InvariantCulture),
                    cancellationToken)).ConfigureAwait(false);
        }
        catch (Api.AapApiException e) when (e.Kind == Api.AapErrorKind.Validation)
        {
            // Only a 400 is about the inputs (a 500 or 403 keeps AAP's own error and its advice). AAP echoes the start of a rejected key ("Invalid certificate or key: -----BEGIN…"); never pass that on.
            throw AapProvisioningException.Api(ProvisioningErrorKind.CredentialRejected,
                $"AAP refused the temporary Machine credential ({(e.StatusCode.HasValue ? e.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : "no answer")}): {RedactSecrets(e.AapMessage, inputs)}",
                "Check the key, user and become settings; the key must be an OpenSSH or PEM private key.");
        }
        finally
        {
            // The body holds the secrets: drop them as soon as the request is written.
            body.Clear();
        }

        var credential = new AapMachineCredential
        {
            Id = created.Int("id") ?? 0,
            Name = created.String("name") ?? BuildNaming.CredentialName(build),
            OrganizationId = created.Int("organization") ?? organizationId,
            BuildId = build.BuildId,
            CredentialTypeId = created.Int("credential_type") ?? machineTypeId,
            UserName = inputs.UserName,
            Kind = created.String("kind") ?? "ssh",
            Authentication = inputs.Authentication,
            ApiPath = created.String("url"),
        };
        ledger?.Record("credential", credential.Id, credential.Name, credential.ApiPath ?? "", _time.GetUtcNow());
        return credential;
    }

    /// <summary>
    /// Announces a create to the ledger before it is sent (so a process killed before the answer leaves its name), and
    /// withdraws it when AAP refused it with a final 4xx (nothing was made). After a timeout, a 5xx or Ctrl-C the
    /// announcement stays: the object may exist, and a later cleanup looks it up by its name.
    /// </summary>
    private async Task<JsonElement> AnnouncedAsync(string objectType, string name, int? parentId, BuildLedger? ledger, Func<Task<JsonElement>> create)
    {
        ledger?.Announce(objectType, name, parentId, _time.GetUtcNow());
        try
        {
            return await create().ConfigureAwait(false);
        }
        catch (Api.AapApiException e) when (ledger != null && e.StatusCode is int status && status >= 400 && status < 500 && status != 408 && status != 429)
        {
            ledger.Withdraw(objectType, name);
            throw;
        }
    }

    /// <summary>
    /// POSTs a create through the client's <see cref="PostRetry"/>: after a transient failure the object is looked up by
    /// its unique name and adopted when AAP made it, else created again after the backoff, so it is never made twice
    /// nor left behind unrecorded.
    /// </summary>
    private Task<JsonElement> PostOrFindAsync(string what, string path, object body, string lookup, CancellationToken cancellationToken)
        => _api.PostRetry.RunAsync("Create " + what, () => _api.PostAsync(path, body, CancellationToken.None),
            async _ =>
            {
                var page = await _api.GetAsync(lookup, CancellationToken.None).ConfigureAwait(false);
                return page.Property("results") is { ValueKind: JsonValueKind.Array } results && results.GetArrayLength() == 1
                    ? results[0].Clone()
                    : (JsonElement?)null;
            },
            cancellationToken);

    /// <summary>Removes any secret (or its first characters, as AAP quotes them) from a message.</summary>
    internal static string RedactSecrets(string message, MachineCredentialInputs inputs)
    {
        var result = message ?? "";
        foreach (var secret in inputs.ToRequestInputs().Where(p => p.Key != "username" && p.Key != "become_method" && p.Key != "become_username").Select(p => p.Value))
        {
            if (secret.Length == 0)
            {
                continue;
            }

            result = result.Replace(secret, "***");
            for (var length = Math.Min(secret.Length, 200); length >= 8; length--)
            {
                var prefix = secret.Substring(0, length);
                if (result.IndexOf(prefix, StringComparison.Ordinal) >= 0)
                {
                    result = result.Replace(prefix, "***");
                    break;
                }
            }
        }

        var begin = result.IndexOf("-----BEGIN", StringComparison.Ordinal);
        return begin >= 0 ? result.Substring(0, begin) + "***" : result;
    }

    /// <summary>Maps an inventory document (with the build marker parsed from its description).</summary>
    public AapInventory ToInventory(JsonElement json)
    {
        var description = json.String("description") ?? "";
        var inventory = new AapInventory
        {
            Id = json.Int("id") ?? 0,
            Name = json.String("name") ?? "",
            OrganizationId = json.Int("organization") ?? 0,
            Description = description,
            Created = json.Date("created"),
            ApiPath = json.String("url"),
            PendingDeletion = json.Bool("pending_deletion"),
        };
        inventory.Url = UiLinks.Inventory(_api.Info, inventory.Id);
        if (BuildNaming.TryParseDescription(description, out var buildId, out _))
        {
            inventory.BuildId = buildId;
        }

        return inventory;
    }
}
