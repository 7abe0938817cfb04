using System;
using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning
{
    /// <summary>Which CI system the output goes to.</summary>
    public enum CiSystem
    {
        /// <summary>No CI markup.</summary>
        None,

        /// <summary>Azure Pipelines (<c>TF_BUILD=True</c>).</summary>
        AzurePipelines,

        /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
        GitHubActions,
    }

    /// <summary>
    /// CI log conventions (packer-and-ci.md §4): a collapsible group per job's output and an error annotation on
    /// failure, and neutralised job output — Azure's agent runs <c>##vso[</c> found anywhere in a line (so AAP job output
    /// could otherwise set variables or mark the build), GitHub's runner runs <c>::cmd::</c> at a line's start.
    /// </summary>
    public sealed class CiLog
    {
        private CiLog(CiSystem system) => System = system;

        /// <summary>The detected system.</summary>
        public CiSystem System { get; }

        /// <summary>Detects the CI system from the environment.</summary>
        public static CiLog Detect(IDictionary<string, string?> environment)
        {
            if (environment is null)
            {
                throw new ArgumentNullException(nameof(environment));
            }

            bool Is(string name, string value) => environment.TryGetValue(name, out var v) && string.Equals(v?.Trim(), value, StringComparison.OrdinalIgnoreCase);
            return new CiLog(Is("TF_BUILD", "True") ? CiSystem.AzurePipelines : Is("GITHUB_ACTIONS", "true") ? CiSystem.GitHubActions : CiSystem.None);
        }

        /// <summary>A log for a given system.</summary>
        public static CiLog For(CiSystem system) => new CiLog(system);

        /// <summary>Makes a line of job output inert for the CI agent (always applied: harmless elsewhere).</summary>
        public static string Neutralize(string line)
        {
            if (string.IsNullOrEmpty(line))
            {
                return line ?? "";
            }

            // The same replacement the Azure agent uses for its own masking of commands.
            var text = line.Replace("##vso[", "**vso[").Replace("##[", "**[");
            if (text.TrimStart().StartsWith("::", StringComparison.Ordinal))
            {
                text = "\u200B" + text; // GitHub trims white space only; a zero-width space keeps the text as it reads
            }

            return text;
        }

        /// <summary>The line that opens a collapsible group, or null without CI.</summary>
        public string? GroupStart(string title)
            => System switch
            {
                CiSystem.AzurePipelines => "##[group]" + OneLine(title),
                CiSystem.GitHubActions => "::group::" + OneLine(title),
                _ => null,
            };

        /// <summary>The line that closes the group, or null without CI.</summary>
        public string? GroupEnd()
            => System switch
            {
                CiSystem.AzurePipelines => "##[endgroup]",
                CiSystem.GitHubActions => "::endgroup::",
                _ => null,
            };

        /// <summary>An error annotation, or null without CI.</summary>
        public string? Error(string message)
            => System switch
            {
                CiSystem.AzurePipelines => "##vso[task.logissue type=error]" + (message ?? "").Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A"),
                CiSystem.GitHubActions => "::error::" + (message ?? "").Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"),
                _ => null,
            };

        private static string OneLine(string text) => Neutralize((text ?? "").Replace('\r', ' ').Replace('\n', ' '));
    }
}
