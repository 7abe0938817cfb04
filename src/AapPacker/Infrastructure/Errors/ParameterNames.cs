using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Infrastructure;

/// <summary>
/// The one mapping from the engine's field names to PowerShell parameter names. A field names the parameter of the
/// called cmdlet that carries it: the first of its candidates that the cmdlet has (name or alias), else the first.
/// So <see cref="EngineField.TargetHost"/> is <c>-TargetHost</c> under Invoke-AapPackerProvision and <c>-Address</c>
/// under Add-AapHost; <see cref="EngineField.Inventory"/> is <c>-InventoryId</c> under Invoke-AapPackerProvision.
/// </summary>
internal static class ParameterNames
{
    private static readonly Dictionary<EngineField, string[]> Candidates = new Dictionary<EngineField, string[]>
    {
        [EngineField.TargetHost] = new[] { "TargetHost", "Address" },
        [EngineField.TargetPort] = new[] { "TargetPort", "Port" },
        [EngineField.TargetUser] = new[] { "TargetUser", "UserName" },
        [EngineField.TargetPassword] = new[] { "TargetPassword", "Password" },
        [EngineField.HostVariables] = new[] { "HostVariables", "Variables" },
        [EngineField.Inventory] = new[] { "Inventory", "InventoryId" },
        [EngineField.Credentials] = new[] { "AapCredential" },
        [EngineField.Labels] = new[] { "Label" },
        [EngineField.InstanceGroups] = new[] { "InstanceGroup" },
        [EngineField.JobTags] = new[] { "Tag" },
        [EngineField.SkipTags] = new[] { "SkipTag" },
    };

    private static readonly ConcurrentDictionary<Type, ISet<string>> Known = new ConcurrentDictionary<Type, ISet<string>>();

    /// <summary>The parameter (with its dash) that carries <paramref name="field"/> on <paramref name="cmdletType"/>; null = the generic name.</summary>
    public static string For(EngineField field, Type? cmdletType)
    {
        var candidates = Candidates.TryGetValue(field, out var list) ? list : new[] { field.ToString() };
        if (cmdletType != null)
        {
            var own = Known.GetOrAdd(cmdletType, RecommendationWording.ParameterNames);
            foreach (var candidate in candidates)
            {
                if (own.Contains(candidate))
                {
                    return "-" + candidate;
                }
            }
        }

        return "-" + candidates[0];
    }

    /// <summary>Engine text with each field token as <paramref name="cmdletType"/>'s parameter.</summary>
    public static string Render(string? text, Type? cmdletType) => EngineText.Render(text, field => For(field, cmdletType));
}
