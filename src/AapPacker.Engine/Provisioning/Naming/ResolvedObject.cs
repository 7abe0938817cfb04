using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>A resolved object: id, name and its JSON.</summary>
internal sealed class ResolvedObject
{
    internal ResolvedObject(int id, string name, JsonElement json)
    {
        Id = id;
        Name = name;
        Json = json;
    }

    /// <summary>The id.</summary>
    public int Id { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The object as AAP returned it.</summary>
    public JsonElement Json { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} '{Name}'";
}
