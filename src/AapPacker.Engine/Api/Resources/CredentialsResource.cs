using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api.Resources;

/// <summary>AAP's <c>credentials/</c>: create-or-adopt by unique name within an organization, read, list, delete.</summary>
internal sealed class CredentialsResource : CollectionResource<CredentialRecord>
{
    /// <summary>Wraps <paramref name="api"/>.</summary>
    public CredentialsResource(IAapApi api)
        : base(api, "credentials/")
    {
    }

    /// <summary>
    /// Creates a credential owned by <paramref name="organizationId"/> whose <paramref name="name"/> is unique per build;
    /// after a transient failure it is looked up by name in that organization and adopted when AAP made it. The
    /// request body (it holds <paramref name="inputs"/>, the secrets) is cleared as soon as the create has an answer.
    /// </summary>
    public async Task<CredentialRecord> CreateAsync(string name, string description, int organizationId, int credentialTypeId,
        IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["description"] = description,
            ["organization"] = organizationId,
            ["credential_type"] = credentialTypeId,
            ["inputs"] = inputs,
        };
        try
        {
            var lookup = NameQuery(name);
            lookup.Add("organization=" + Text(organizationId));
            return await CreateOrAdoptAsync("credential", Collection, body, lookup, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            body.Clear();
        }
    }

    /// <summary>Creates a Machine credential (see the other overload) from <paramref name="values"/>.</summary>
    public Task<CredentialRecord> CreateAsync(string name, string description, int organizationId, int credentialTypeId,
        MachineCredentialValues values, CancellationToken cancellationToken)
        => CreateAsync(name, description, organizationId, credentialTypeId, MachineInputs(values), cancellationToken);

    /// <summary>The <c>inputs</c> object of a Machine credential (only the values given). Holds secrets: never log or keep it.</summary>
    public static IReadOnlyDictionary<string, string> MachineInputs(MachineCredentialValues values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                inputs[key] = value!;
            }
        }

        Add("username", values.UserName);
        Add("password", values.Password);
        Add("ssh_key_data", values.SshKeyData);
        Add("ssh_key_unlock", values.SshKeyUnlock);
        Add("become_method", values.BecomeMethod);
        Add("become_username", values.BecomeUsername);
        Add("become_password", values.BecomePassword);
        return inputs;
    }

    /// <summary>Every credential whose name starts with <paramref name="namePrefix"/> (optionally of one organization), by id.</summary>
    public IAsyncEnumerable<CredentialRecord> ListByNamePrefixAsync(string namePrefix, int? organizationId, CancellationToken cancellationToken)
    {
        var query = new List<string> { "name__startswith=" + Uri.EscapeDataString(namePrefix ?? "") };
        if (organizationId.HasValue)
        {
            query.Add("organization=" + Text(organizationId.Value));
        }

        query.Add("order_by=id");
        return ListAsync(Collection, query, cancellationToken);
    }

    /// <inheritdoc />
    internal override CredentialRecord Map(JsonElement json)
    {
        var inputs = json.Path("inputs");
        return new CredentialRecord
        {
            Id = json.Int("id") ?? 0,
            Name = json.String("name") ?? "",
            OrganizationId = json.Int("organization"),
            Description = json.String("description"),
            CredentialTypeId = json.Int("credential_type"),
            Kind = json.String("kind"),
            ApiPath = json.String("url"),
            UserName = inputs?.String("username"),
            VaultId = inputs?.String("vault_id"),
        };
    }
}

/// <summary>Access to <see cref="CredentialsResource"/>.</summary>
internal static class CredentialsAccess
{
    /// <summary>AAP's credentials through <paramref name="api"/>.</summary>
    public static CredentialsResource Credentials(this IAapApi api) => new CredentialsResource(api);
}
