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
using AapPacker.Models;

namespace AapPacker.Infrastructure
{
    /// <summary>
    /// Tab completion of AAP object names (job templates, organizations, ...) from the connection the command line
    /// names with <c>-Connection</c>, else the session's current one. Completion must never hurt: it asks AAP
    /// for at most 50 names within 3 seconds and offers nothing on any failure or when not connected.
    /// </summary>
    public abstract class AapNameCompleter : IArgumentCompleter
    {
        private const int MaxResults = 50;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
        private static readonly char[] SpecialCharacters = " \t'\"`$(){}[];,|&@#<>".ToCharArray();

        /// <summary>The list endpoint relative to the API root, e.g. <c>job_templates/</c>.</summary>
        protected abstract string ListPath { get; }

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var store = ConnectionStore.For(runspace);
            var info = fakeBoundParameters?["Connection"] as AapConnectionInfo
                ?? (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as AapConnectionInfo
                ?? store.Current;
            var client = info is null ? null : store.Find(info);
            if (client is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            try
            {
                // Off the pipeline thread: the client never needs it, and nothing here may capture it.
                var names = Task.Run(() => FetchNamesAsync(client, prefix)).GetAwaiter().GetResult();
                var results = new List<CompletionResult>(names.Count);
                foreach (var name in names)
                {
                    results.Add(new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name));
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

        private async Task<List<string>> FetchNamesAsync(AapClient client, string prefix)
        {
            using var budget = new CancellationTokenSource(Budget);
            var path = string.Format(CultureInfo.InvariantCulture, "{0}?name__istartswith={1}&order_by=name&page_size={2}",
                ListPath, Uri.EscapeDataString(prefix), MaxResults);
            var names = new List<string>();
            await foreach (var item in client.ListAsync(path, budget.Token).ConfigureAwait(false))
            {
                if (item.TryGetProperty("name", out var name) && name.GetString() is string text)
                {
                    names.Add(text);
                }

                if (names.Count >= MaxResults)
                {
                    break;
                }
            }

            return names;
        }

        // Names PowerShell would split or interpret need quoting ('Failing Playbook').
#pragma warning disable CA1870 // SearchValues does not exist on net472; a tab completion is not a hot path.
        private static string Quote(string name)
            => name.IndexOfAny(SpecialCharacters) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
#pragma warning restore CA1870
    }
}
