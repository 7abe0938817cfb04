using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AapPacker.Commands.Provision;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds (<c>-Timeout 600</c>, <c>-Timeout '600'</c>, any numeric
/// type), a Go duration as the original Packer plugin's configs write it (<c>timeout = "15m"</c>: <c>-Timeout 15m</c>,
/// <c>1h30m</c>, <c>90s</c>, <c>500ms</c>), or a TimeSpan (<c>'00:10:00'</c>, <c>(New-TimeSpan -Minutes 10)</c>).
/// PowerShell's own conversion would read a number as ticks. An unquoted <c>30s</c> reaches us as the Int16 30
/// (PowerShell's <c>s</c> suffix), <c>1kb</c> as 1024, <c>0x1e</c> as 30: a literal typed on the command line keeps
/// its written text (<see cref="PSObject.ToString()"/> returns it), so it is read by that text (<c>30s</c> is 30
/// seconds) or refused (<c>1kb</c>, <c>0x1e</c>, <c>5l</c>, <c>5d</c>), never taken as ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecondsOrTimeSpanAttribute : ArgumentTransformationAttribute
{
    // Go's time.ParseDuration units that make sense for a build: hours, minutes, seconds, milliseconds.
    private static readonly Regex GoDuration = new Regex(@"^(?:\d+(?:\.\d+)?(?:h|ms|m|s))+$", RegexOptions.CultureInvariant);
    private static readonly Regex GoDurationPart = new Regex(@"(\d+(?:\.\d+)?)(h|ms|m|s)", RegexOptions.CultureInvariant);

    // What PowerShell's number parser accepts besides plain digits: hex, binary, type suffixes, multipliers.
    private static readonly Regex PowerShellNumber = new Regex(@"^[+-]?(?:0x[0-9a-f]+|0b[01]+|[0-9.]+(?:e[+-]?\d+)?)(?:u|y|uy|s|us|l|ul|n|d)?(?:kb|mb|gb|tb|pb)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is TimeSpan)
        {
            return value;
        }

        if (IsNumber(value))
        {
            // A literal typed on the command line: PSObject keeps its text (30s, 0x1e, 1kb), which decides.
            var written = inputData is PSObject literal ? literal.ToString() : null;
            var plain = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (written != null && written != plain && written != Convert.ToString(value, CultureInfo.CurrentCulture))
            {
                return FromText(written);
            }

            return Seconds(Convert.ToDouble(value, CultureInfo.InvariantCulture), plain ?? "");
        }

        return value is string text ? FromText(text) : inputData;
    }

    private static bool IsNumber(object? value)
        => value is sbyte || value is byte || value is short || value is ushort || value is int || value is uint
           || value is long || value is ulong || value is float || value is double || value is decimal;

    private static TimeSpan FromText(string raw)
    {
        var text = raw.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return Seconds(seconds, text);
        }

        if (GoDuration.IsMatch(text))
        {
            return ParseGoDuration(text);
        }

        // Only text with a colon: TimeSpan.Parse reads a bare "30" as 30 days. (No string.Contains(char) on net472.)
        if (text.Split(':').Length > 1 && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        var why = PowerShellNumber.IsMatch(text)
            ? $"PowerShell reads the unquoted '{text}' as a number with a type suffix or multiplier, which is not a duration."
            : $"'{text}' is not a duration.";
        throw new ArgumentTransformationMetadataException(why
            + " Give seconds (600), a Go duration with the units h, m, s or ms (15m, 1h30m, 90s, 500ms) or a TimeSpan ('00:10:00', (New-TimeSpan -Days 1)).");
    }

    private static TimeSpan Seconds(double seconds, string text)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new ArgumentTransformationMetadataException($"{text} seconds is not a usable duration.");
        }

        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    private static TimeSpan ParseGoDuration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (Match part in GoDurationPart.Matches(text))
        {
            var amount = double.Parse(part.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (amount > 1e9)
            {
                throw new ArgumentTransformationMetadataException($"'{text}' is not a usable duration.");
            }

            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return total;
    }
}
