using System.Collections.Generic;
using System.Text.Json;

namespace AapPacker.Engine.Api;

/// <summary>Turns AAP answers that are failures into <see cref="AapApiException"/>.</summary>
internal static class AapErrors
{
    public static AapApiException FromResponse(AapResponse response)
    {
        var status = response.StatusCode;
        var kind = AapErrorParser.KindFor(status);
        string message;
        IReadOnlyDictionary<string, IReadOnlyList<string>>? fields = null;
        if (response.Body.ValueKind != JsonValueKind.Undefined)
        {
            var parsed = AapErrorParser.Parse(response.Body);
            message = parsed.Message;
            fields = parsed.FieldErrors;
        }
        else
        {
            message = string.Empty;
        }

        if (status >= 300 && status < 400)
        {
            message = AapErrorParser.DescribeStatus(status) + (string.IsNullOrEmpty(response.Location) ? string.Empty : " Location: " + StripQuery(response.Location!) + ".");
        }
        else if (message.Length == 0 && response.RawText != null)
        {
            // Never quote the page: it is a proxy's HTML at best; say what it was instead.
            message = AapErrorParser.DescribeStatus(status) + " The answer was not JSON (a proxy or load balancer in front of AAP?).";
            if (response.IsSuccess)
            {
                kind = AapErrorKind.Protocol;
            }
        }
        else if (message.Length == 0)
        {
            message = AapErrorParser.DescribeStatus(status);
        }

        return new AapApiException(kind, response.Method, response.Path, status, message, fields) { RetryAfter = response.RetryAfter };
    }

    /// <summary>The error for a success answer that should have carried JSON and did not.</summary>
    public static AapApiException NotJson(AapResponse response)
        => new AapApiException(AapErrorKind.Protocol, response.Method, response.Path, response.StatusCode,
            "The server answered without a JSON body" + (response.RawText != null ? " (a proxy or load balancer page?)" : string.Empty) +
            ". Check that -Uri points at the AAP server itself.");

    private static string StripQuery(string location)
    {
        var index = location.IndexOf('?');
        return index >= 0 ? location.Substring(0, index) : location;
    }

    /// <summary>The public response shape for a wire answer.</summary>
    public static AapResponse ToResponse(WireResponse wire, string method, string path)
        => new AapResponse
        {
            StatusCode = wire.StatusCode,
            Body = wire.Json ?? default,
            RawText = wire.RawText,
            Location = wire.Location,
            RetryAfter = wire.RetryAfter,
            Method = method,
            Path = path,
        };

    /// <summary>A string property of a JSON object, or null when absent or not a string.</summary>
    public static string? GetString(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
