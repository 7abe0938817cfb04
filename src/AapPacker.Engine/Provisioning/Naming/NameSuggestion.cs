using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>One object offered for a name: its name, id and organization (when it has one).</summary>
internal sealed class NameSuggestion
{
    /// <summary>Creates a suggestion.</summary>
    public NameSuggestion(SuggestedKind kind, string name, int id, string? organization, int? organizationId)
    {
        Kind = kind;
        Name = name;
        Id = id;
        Organization = organization;
        OrganizationId = organizationId;
    }

    /// <summary>What it is.</summary>
    public SuggestedKind Kind { get; }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>The object's id.</summary>
    public int Id { get; }

    /// <summary>The owning organization's name, or null (organizations themselves, or no organization).</summary>
    public string? Organization { get; }

    /// <summary>The owning organization's id, or null.</summary>
    public int? OrganizationId { get; }
}
