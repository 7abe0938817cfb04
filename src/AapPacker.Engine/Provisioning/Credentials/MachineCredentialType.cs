using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Finds the Machine credential type by what it is — managed, kind <c>ssh</c>, namespace <c>ssh</c> — never by its
/// name (translated for managed types) or by id 1 (not guaranteed) (aap-api.md §5.1).
/// </summary>
internal static class MachineCredentialType
{
    /// <summary>Returns the Machine type's id. Throws <see cref="AapProvisioningException"/> (exit code 4) when none is visible.</summary>
    public static async Task<int> FindIdAsync(IAapApi api, CancellationToken cancellationToken)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        var types = api.CredentialTypes();
        foreach (var list in new[] { types.ListByNamespaceAsync("ssh", cancellationToken), types.ListManagedByKindAsync("ssh", cancellationToken) })
        {
            var candidates = new List<int>();
            await foreach (var type in list.ConfigureAwait(false))
            {
                if (IsMachineType(type))
                {
                    candidates.Add(type.Id);
                }
            }

            if (candidates.Count == 1)
            {
                return candidates[0];
            }
        }

        throw AapProvisioningException.Configuration(ProvisioningErrorKind.MachineCredentialTypeNotFound,
            "AAP lists no managed Machine credential type (kind 'ssh', namespace 'ssh').",
            $"Check that the user may read credential types, or pass {Fields.NoCredential} and give the job template its own Machine credential.");
    }

    /// <summary>True for the managed Machine type.</summary>
    internal static bool IsMachineType(CredentialTypeRecord type)
        => type.Managed && string.Equals(type.Kind, "ssh", StringComparison.Ordinal)
           && (type.Namespace is null || string.Equals(type.Namespace, "ssh", StringComparison.Ordinal));
}
