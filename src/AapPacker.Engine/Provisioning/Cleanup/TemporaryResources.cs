using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Creates a build's temporary inventory, host and Machine credential (aap-api.md §3–§5), each recorded in the
/// <see cref="BuildLedger"/> the moment AAP confirms it. The unique names make every create safe to retry:
/// after a transient failure the object is looked up by name and adopted, or created again.
/// </summary>
internal sealed class TemporaryResources
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

        var name = BuildNaming.InventoryName(build);
        var description = BuildNaming.Description(build, _time.GetUtcNow());
        var json = variables is null || variables.Count == 0 ? "" : JsonValues.Serialize(JsonValues.Normalize(variables, "Variables"));
        var created = await AnnouncedAsync("inventory", name, null, ledger,
            () => _api.Inventories().CreateAsync(name, organizationId, description, json, cancellationToken)).ConfigureAwait(false);
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

        var description = buildId is null ? "" : BuildNaming.HostDescription(buildId);
        var created = await AnnouncedAsync("host", hostName, inventoryId, ledger,
            () => _api.Hosts().CreateAsync(inventoryId, hostName, description, variables.Json, cancellationToken)).ConfigureAwait(false);
        var host = new AapHost
        {
            Id = created.Id,
            Name = created.Name.Length == 0 ? hostName : created.Name,
            InventoryId = created.InventoryId ?? inventoryId,
            Address = variables.Address,
            Port = variables.Port,
            ConnectionType = variables.ConnectionType,
            BuildId = buildId,
            ApiPath = created.ApiPath,
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
        var name = BuildNaming.CredentialName(build);
        var description = BuildNaming.Description(build, _time.GetUtcNow());
        CredentialRecord created;
        try
        {
            // The resource drops the request body (the secrets) as soon as the create has its answer.
            created = await AnnouncedAsync("credential", name, null, ledger,
                () => _api.Credentials().CreateAsync(name, description, organizationId, machineTypeId, inputs.ToRequestValues(), cancellationToken)).ConfigureAwait(false);
        }
        catch (AapApiException e) when (e.Kind == AapErrorKind.Validation)
        {
            // Only a 400 is about the inputs (a 500 or 403 keeps AAP's own error and its advice). AAP echoes the start of a rejected key ("Invalid certificate or key: -----BEGIN…"); never pass that on.
            throw AapProvisioningException.Api(ProvisioningErrorKind.CredentialRejected,
                $"AAP refused the temporary Machine credential ({(e.StatusCode.HasValue ? e.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : "no answer")}): {RedactSecrets(e.AapMessage, inputs)}",
                "Check the key, user and become settings; the key must be an OpenSSH or PEM private key.");
        }

        var credential = new AapMachineCredential
        {
            Id = created.Id,
            Name = created.Name.Length == 0 ? name : created.Name,
            OrganizationId = created.OrganizationId ?? organizationId,
            BuildId = build.BuildId,
            CredentialTypeId = created.CredentialTypeId ?? machineTypeId,
            UserName = inputs.UserName,
            Kind = created.Kind ?? "ssh",
            Authentication = inputs.Authentication,
            ApiPath = created.ApiPath,
        };
        ledger?.Record("credential", credential.Id, credential.Name, credential.ApiPath ?? "", _time.GetUtcNow());
        return credential;
    }

    /// <summary>
    /// Announces a create to the ledger before it is sent (so a process killed before the answer leaves its name), and
    /// withdraws it when AAP refused it with a final 4xx (nothing was made). After a timeout, a 5xx or Ctrl-C the
    /// announcement stays: the object may exist, and a later cleanup looks it up by its name.
    /// </summary>
    private async Task<T> AnnouncedAsync<T>(string objectType, string name, int? parentId, BuildLedger? ledger, Func<Task<T>> create)
    {
        ledger?.Announce(objectType, name, parentId, _time.GetUtcNow());
        try
        {
            return await create().ConfigureAwait(false);
        }
        catch (AapApiException e) when (ledger != null && e.StatusCode is int status && status >= 400 && status < 500 && status != 408 && status != 429)
        {
            ledger.Withdraw(objectType, name);
            throw;
        }
    }

    /// <summary>Removes any secret (or its first characters, as AAP quotes them) from a message.</summary>
    internal static string RedactSecrets(string message, MachineCredentialInputs inputs)
    {
        var result = message ?? "";
        foreach (var secret in inputs.ToRequestValues().Secrets)
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

    /// <summary>Maps an inventory AAP returned (with the build marker parsed from its description).</summary>
    internal AapInventory ToInventory(InventoryRecord record)
    {
        var inventory = new AapInventory
        {
            Id = record.Id,
            Name = record.Name,
            OrganizationId = record.OrganizationId,
            Description = record.Description,
            Created = record.Created,
            ApiPath = record.ApiPath,
            PendingDeletion = record.PendingDeletion,
        };
        inventory.Url = UiLinks.Inventory(_api.Info, inventory.Id);
        if (BuildNaming.TryParseDescription(record.Description, out var buildId, out _))
        {
            inventory.BuildId = buildId;
        }

        return inventory;
    }
}
