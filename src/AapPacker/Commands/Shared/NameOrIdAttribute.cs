using System;
using System.Globalization;
using System.Management.Automation;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Commands.Shared;

/// <summary>
/// Keeps what PowerShell's parser saw for a "name or id" parameter typed <c>object</c>: a number
/// (<c>-JobTemplate 42</c>, parsed as an Int32) stays an int and means the id; text (<c>-JobTemplate '12345'</c>,
/// <c>-JobTemplate Build</c>, a variable holding a string) stays a string and means a name first. A <c>string</c>
/// parameter would turn both into the same text. A template object (from <c>Get-AapJobTemplate</c>) means its id;
/// anything else (a fraction, a date, an array) is refused here, before the cmdlet runs.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class NameOrIdAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case string text:
                return text;
            case AapJobTemplate template:
                return template.Id;
            case byte _:
            case sbyte _:
            case short _:
            case ushort _:
            case int _:
            case uint _:
            case long _:
            case ulong _:
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (number < 1 || number > int.MaxValue)
                {
                    throw new ArgumentTransformationMetadataException(
                        $"{number.ToString(CultureInfo.InvariantCulture)} is not an AAP id (ids are whole numbers from 1 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}). Quote it to pass it as a name.");
                }

                return (int)number;
            default:
                throw new ArgumentTransformationMetadataException(
                    $"A {value.GetType().Name} is neither a name nor an id: pass a name as text (quoted when it is all digits, e.g. '12345') or an id as a whole number (e.g. 42).");
        }
    }

    /// <summary>The engine's reference for a value this attribute produced; null for null or blank text.</summary>
    public static NameOrId? ToReference(object? value)
        => value switch
        {
            int id => NameOrId.FromId(id),
            string text when !string.IsNullOrWhiteSpace(text) => NameOrId.FromText(text),
            _ => null,
        };
}
