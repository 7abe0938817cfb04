using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Infrastructure;

/// <summary>
/// Tab completion of AAP object names (job templates, organizations, ...) from the connection the command would use
/// (<see cref="CompletionConnection"/>). A template or inventory is listed with its organization, so two of the same
/// name are told apart; an <c>-Organization</c> already on the command line narrows the list to that organization.
/// Completion must never hurt: it asks AAP for at most 50 names within 3 seconds, prints and prompts nothing, and
/// offers nothing (not file names) on any failure or when there is no connection.
/// </summary>
public abstract class AapNameCompleter : IArgumentCompleter
{
    private const int MaxResults = 50;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    private static readonly char[] SpecialCharacters = " \t'\"`$(){}[];,|&@#<>\u2018\u2019\u201A\u201B\u201C\u201D\u201E".ToCharArray();
    // Not the Engine's SuggestedKind: a field of an Engine type would load the Engine with the cmdlets' attributes,
    // before the module's initializer has installed the resolver that finds it.
    private readonly CompletedKind _kind;
    private readonly bool _connectsFromEnvironment;

    /// <summary>A completer of <paramref name="kind"/> names.</summary>
    /// <param name="kind">What to list.</param>
    /// <param name="connectsFromEnvironment">True for a command that connects from the AAP_HOSTNAME/AAP_TOKEN
    /// environment (and, for Invoke-AapPackerProvision, -Uri) when the session has no Connect-Aap: today every one.</param>
    private protected AapNameCompleter(CompletedKind kind, bool connectsFromEnvironment)
    {
        _kind = kind;
        _connectsFromEnvironment = connectsFromEnvironment;
    }

    /// <summary>What a completer lists.</summary>
    private protected enum CompletedKind
    {
        JobTemplate,
        WorkflowJobTemplate,
        Organization,
        Inventory,
    }

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var connection = CompletionConnection.From(ConnectionStore.For(runspace), fakeBoundParameters, _connectsFromEnvironment);
            if (connection is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var kind = ToSuggestedKind(_kind);
            var organization = kind == SuggestedKind.Organization ? null : Text(fakeBoundParameters, "Organization");

            // Off the pipeline thread: the client never needs it, and nothing here may capture it. The wait is bounded
            // too, in case something (a DNS lookup) does not honour the budget's token.
            var work = Task.Run(async () =>
            {
                using var budget = new CancellationTokenSource(Budget);
                var client = await connection.ClientAsync(budget.Token).ConfigureAwait(false);
                return await NameSuggestions.FindAsync(new AapClientApi(client), kind, prefix, organization, MaxResults, budget.Token).ConfigureAwait(false);
            });
            if (!work.Wait(Budget + TimeSpan.FromMilliseconds(250)))
            {
                return Array.Empty<CompletionResult>();
            }

            var results = new List<CompletionResult>(work.Result.Count);
            foreach (var suggestion in work.Result)
            {
                results.Add(new CompletionResult(Quote(suggestion.Name), ListItem(suggestion), CompletionResultType.ParameterValue, ToolTip(suggestion)));
            }

            return results;
        }
#pragma warning disable CA1031 // Completion offers nothing rather than failing the user's key press.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Array.Empty<CompletionResult>();
        }
    }

    private static SuggestedKind ToSuggestedKind(CompletedKind kind)
        => kind switch
        {
            CompletedKind.JobTemplate => SuggestedKind.JobTemplate,
            CompletedKind.WorkflowJobTemplate => SuggestedKind.WorkflowJobTemplate,
            CompletedKind.Organization => SuggestedKind.Organization,
            _ => SuggestedKind.Inventory,
        };

    /// <summary>The name, and the organization when there is one: "Install Docker (Engineering)".</summary>
    internal static string ListItem(NameSuggestion suggestion)
        => suggestion.Kind == SuggestedKind.Organization || suggestion.Organization is null
            ? suggestion.Name
            : suggestion.Name + " (" + suggestion.Organization + ")";

    /// <summary>"Job template 'Install Docker' (id 7) in organization 'Engineering' (id 2)".</summary>
    internal static string ToolTip(NameSuggestion suggestion)
    {
        var noun = suggestion.Kind switch
        {
            SuggestedKind.JobTemplate => "Job template",
            SuggestedKind.WorkflowJobTemplate => "Workflow job template",
            SuggestedKind.Organization => "Organization",
            _ => "Inventory",
        };
        var text = string.Format(CultureInfo.InvariantCulture, "{0} '{1}' (id {2})", noun, suggestion.Name, suggestion.Id);
        if (suggestion.Kind == SuggestedKind.Organization)
        {
            return text;
        }

        return suggestion.Organization is null
            ? text + " in no organization"
            : string.Format(CultureInfo.InvariantCulture, "{0} in organization '{1}'{2}", text, suggestion.Organization,
                suggestion.OrganizationId is int id ? " (id " + id.ToString(CultureInfo.InvariantCulture) + ")" : "");
    }

    /// <summary>A value PowerShell bound from the command line's text (a literal), or null.</summary>
    internal static string? Text(IDictionary? fakeBoundParameters, string name)
    {
        var value = fakeBoundParameters is null || !fakeBoundParameters.Contains(name) ? null : fakeBoundParameters[name];
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value is string text && text.Trim().Length > 0 ? text.Trim()
            : value is int number ? number.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    // Names PowerShell would split or interpret need quoting ('Failing Playbook'), and so do names it would read as a
    // number (a template named 12345 is a name only when quoted) or a parameter (-x).
#pragma warning disable CA1870 // SearchValues does not exist on net472; a tab completion is not a hot path.
    internal static string Quote(string name)
        => name.Length == 0 || name.IndexOfAny(SpecialCharacters) >= 0 || char.IsDigit(name[0]) || name[0] == '-' || name[0] == '.' || name[0] == '+'
            ? "'" + CodeGeneration.EscapeSingleQuotedStringContent(name) + "'"
            : name;
#pragma warning restore CA1870
}
