using System;
using System.Collections;
using System.Collections.Generic;

namespace AapPacker.Commands.Provision;

/// <summary>The process environment as the dictionary the engine's readers take.</summary>
internal static class ProcessEnvironment
{
    public static Dictionary<string, string?> Read()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            values[(string)entry.Key] = entry.Value as string;
        }

        return values;
    }
}
