using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using AapPacker.Commands;
using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// Makes every recommended action name parameters of the cmdlet that was called. The engine words its advice with
/// the step-by-step cmdlets' names (<c>-Inventory</c>, <c>-UserName</c>); this, applied to every error record a
/// cmdlet writes (<see cref="AsyncPSCmdlet"/>), turns them into the called cmdlet's own (<c>-InventoryId</c>,
/// <c>-TargetUser</c> under Invoke-AapPackerProvision), rewrites advice that has a different fix there, and sends
/// connection settings a cmdlet does not take to <c>Connect-Aap</c>.
/// </summary>
internal static class RecommendationWording
{
    private const string ConnectCmdlet = "Connect-Aap";

    private static readonly Regex ParameterToken = new Regex(@"(?<![\w-])-(?<name>[A-Z][A-Za-z]*)\b", RegexOptions.CultureInvariant);

    /// <summary>Advice that means something else under a cmdlet, and what to say there instead.</summary>
    private static readonly Dictionary<string, (string From, string To)[]> Phrases = new Dictionary<string, (string, string)[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Invoke-AapPackerProvision"] = new[]
        {
            (", or remove -InventoryId.", "; a build always sends its inventory (temporary, or -InventoryId), so the template must prompt for one."),
            (", or remove -AapCredential.", ", or pass -NoCredential (and no -AapCredential) to launch with the template's own credentials."),
        },
    };

    /// <summary>The engine's (step-by-step) parameter names and the called cmdlet's name for the same thing.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Synonyms = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["Invoke-AapPackerProvision"] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Credential"] = "AapUserName and -AapPassword",
            ["Id"] = "BuildId",
        },
    };

    /// <summary>The record with its recommended action worded for <paramref name="cmdletType"/>.</summary>
    public static ErrorRecord Apply(ErrorRecord record, Type cmdletType)
    {
        var action = record?.ErrorDetails?.RecommendedAction;
        if (record is null || string.IsNullOrEmpty(action))
        {
            return record!;
        }

        record.ErrorDetails!.RecommendedAction = Word(action!, cmdletType);
        return record;
    }

    /// <summary>A recommended action worded for a cmdlet.</summary>
    public static string Word(string action, Type cmdletType)
    {
        var name = CommandName(cmdletType);
        if (Phrases.TryGetValue(name, out var phrases))
        {
            foreach (var (from, to) in phrases)
            {
                action = action.Replace(from, to);
            }
        }

        var own = ParameterNames(cmdletType);
        var connect = ParameterNames(typeof(ConnectAapCommand));
        Synonyms.TryGetValue(name, out var synonyms);
        return ParameterToken.Replace(action, match =>
        {
            // Synonyms first: -UserName is an alias of Invoke-AapPackerProvision's -AapUserName (the AAP user), yet
            // the engine's -UserName means the target's user there.
            var parameter = match.Groups["name"].Value;
            if (synonyms != null && synonyms.TryGetValue(parameter, out var ours))
            {
                return "-" + ours;
            }

            if (own.Contains(parameter))
            {
                return match.Value;
            }

            var before = action.Substring(0, match.Index);
            if (connect.Contains(parameter) && !before.EndsWith(ConnectCmdlet + " ", StringComparison.Ordinal))
            {
                return ConnectCmdlet + " " + match.Value;
            }

            return match.Value;
        });
    }

    /// <summary>
    /// Every recommended action the shared error mapping can give, as "kind: action", worded for a cmdlet: one per
    /// AAP error kind, and the configuration, timeout, argument and unexpected cases. The walk over every cmdlet
    /// (tests/Pester/Recommendations.Tests.ps1) checks that each parameter named exists on that cmdlet.
    /// </summary>
    internal static string[] Catalog(Type cmdletType)
    {
        var exceptions = new List<Exception>();
#pragma warning disable CA2263 // The generic overload does not exist on netstandard2.0.
        foreach (AapErrorKind kind in Enum.GetValues(typeof(AapErrorKind)))
#pragma warning restore CA2263
        {
            exceptions.Add(new AapApiException(kind, "GET", "example/", 500, "message"));
        }

        exceptions.Add(new AapConfigurationException("message", "Uri"));
        exceptions.Add(new OperationCanceledException());
        exceptions.Add(new ArgumentException("message"));
        exceptions.Add(new InvalidOperationException("message"));
        return exceptions.Select(e =>
        {
            var record = AapErrorMapper.ToErrorRecord(e, null);
            return record.FullyQualifiedErrorId + ": " + Word(record.ErrorDetails?.RecommendedAction ?? "", cmdletType);
        }).ToArray();
    }

    /// <summary>The cmdlet name (Verb-Noun) of a cmdlet class.</summary>
    public static string CommandName(Type cmdletType)
    {
        var attribute = cmdletType.GetCustomAttribute<CmdletAttribute>();
        return attribute is null ? cmdletType.Name : attribute.VerbName + "-" + attribute.NounName;
    }

    /// <summary>The parameter names (and aliases) of a cmdlet class, common parameters included.</summary>
    public static ISet<string> ParameterNames(Type cmdletType)
    {
        var names = new HashSet<string>(Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);
        foreach (var property in cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttributes<ParameterAttribute>().Any())
            {
                names.Add(property.Name);
                foreach (var alias in property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames))
                {
                    names.Add(alias);
                }
            }
        }

        return names;
    }
}
