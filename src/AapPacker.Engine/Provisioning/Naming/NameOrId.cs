using System;
using System.Globalization;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// How the user named an AAP object: by id (a number given as a number, e.g. <c>-JobTemplate 42</c>) or by text
/// (<c>-JobTemplate 'Install Docker'</c>, or <c>-JobTemplate '12345'</c> for a template named 12345). Text is a name
/// first; text of digits that names nothing falls back to the id it spells, so ids read from environment variables
/// (always text) keep working.
/// </summary>
internal sealed class NameOrId
{
    private NameOrId(string text, int? id)
    {
        Text = text;
        Id = id;
    }

    /// <summary>The value as written (an id's digits for an id).</summary>
    public string Text { get; }

    /// <summary>The id when the user gave a number; null when the user gave text.</summary>
    public int? Id { get; }

    /// <summary>True when the value was given as a number: an id and nothing else.</summary>
    public bool IsId => Id.HasValue;

    /// <summary>The id text spells when it is all digits (the fallback for a name that matches nothing).</summary>
    public int? DigitsAsId
        => int.TryParse(Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null;

    /// <summary>An id given as a number.</summary>
    public static NameOrId FromId(int id) => new NameOrId(id.ToString(CultureInfo.InvariantCulture), id);

    /// <summary>A name (or digits) given as text.</summary>
    public static NameOrId FromText(string text) => new NameOrId(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Text converts implicitly: a name first (see the type's remarks).</summary>
    public static implicit operator NameOrId(string text) => FromText(text);

    /// <summary>True for null, or for text that is empty or white space.</summary>
    public static bool IsNullOrBlank(NameOrId? value) => value is null || (!value.IsId && string.IsNullOrWhiteSpace(value.Text));

    /// <inheritdoc />
    public override string ToString() => IsId ? Text : "'" + Text + "'";
}
