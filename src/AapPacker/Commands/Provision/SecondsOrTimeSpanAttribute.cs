using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AapPacker.Commands.Provision
{
    /// <summary>
    /// Lets a TimeSpan parameter also take a bare number of seconds (<c>-Timeout 600</c>, <c>-Timeout '600'</c>) or a
    /// Go duration as the original Packer plugin's configs write it (<c>timeout = "15m"</c>: <c>-Timeout 15m</c>,
    /// <c>1h30m</c>, <c>90s</c>, <c>500ms</c>). PowerShell's own conversion would read 600 as 600 ticks and refuse
    /// 15m; text like <c>'00:10:00'</c> and TimeSpan values pass through unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecondsOrTimeSpanAttribute : ArgumentTransformationAttribute
    {
        // Go's time.ParseDuration units that make sense for a build: hours, minutes, seconds, milliseconds.
        private static readonly Regex GoDuration = new Regex(@"^\s*(?:\d+(?:\.\d+)?(?:h|ms|m|s))+\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex GoDurationPart = new Regex(@"(\d+(?:\.\d+)?)(h|ms|m|s)", RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int i:
                    return TimeSpan.FromSeconds(i);
                case long l:
                    return TimeSpan.FromSeconds(l);
                case double d:
                    return TimeSpan.FromSeconds(d);
                case decimal m:
                    return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                    return TimeSpan.FromSeconds(seconds);
                case string s when GoDuration.IsMatch(s):
                    return ParseGoDuration(s);
                default:
                    return inputData;
            }
        }


        private static TimeSpan ParseGoDuration(string text)
        {
            var total = TimeSpan.Zero;
            foreach (Match part in GoDurationPart.Matches(text))
            {
                var amount = double.Parse(part.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
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
}
