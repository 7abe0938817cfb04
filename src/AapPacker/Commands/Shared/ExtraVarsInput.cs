using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Commands.Shared;

/// <summary>
/// What <c>-ExtraVars</c> accepts, made plain for the engine: a hashtable or ordered dictionary, the objects
/// <c>ConvertFrom-Json</c> and <c>ConvertFrom-Yaml</c> return (PSCustomObject, hashtables, OrderedDictionary, nested
/// in any mix), JSON or YAML text, or <c>@path/to/vars.yml</c> as the awx CLI takes it: the file's text (JSON or
/// YAML), read relative to the current PowerShell location. Runs on the pipeline thread (it reads the location).
/// </summary>
internal static class ExtraVarsInput
{
    /// <summary>The plain value for <see cref="ExtraVars.Parse"/>.</summary>
    public static object? Read(PSCmdlet cmdlet, object? value)
    {
        var plain = PipelineValues.Plain(value);
        if (!(plain is string text) || text.TrimStart().Length == 0 || text.TrimStart()[0] != '@')
        {
            return plain;
        }

        // '@' cannot start JSON or a YAML document, so the awx CLI's file form is unambiguous.
        var given = text.TrimStart().Substring(1).Trim();
        if (given.Length == 0)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ExtraVarsFileNotFound, "-ExtraVars '@' names no file.",
                "Pass -ExtraVars @path/to/vars.yml (quoted in PowerShell: '@vars.yml'), a hashtable, or JSON or YAML text.");
        }

        var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
        if (!File.Exists(path))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ExtraVarsFileNotFound,
                $"-ExtraVars names the file '{given}', which does not exist (looked for {path}).",
                "Check the path; a relative path is read from the current location (Get-Location).");
        }

        try
        {
            return File.ReadAllText(path, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.ExtraVarsFileNotFound,
                $"-ExtraVars names the file '{given}', which could not be read: {e.Message}", "Check the file's permissions.", e);
        }
    }
}
