using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Faults;

/// <summary>What an injected fault looks like on the wire: proxies answer in plain text or HTML, not JSON.</summary>
internal static class FaultResponses
{
    private const string BadGatewayHtml =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public static ApiResult For(FaultRule fault)
    {
        switch (fault.Kind)
        {
            case "html":
                return new ApiResult { Status = fault.Status ?? 502, Text = BadGatewayHtml, ContentType = "text/html" };
            case "retryAfter":
                var throttled = new ApiResult { Status = fault.Status ?? 429, Text = "Too Many Requests\n", ContentType = "text/plain" };
                throttled.Headers["Retry-After"] = (fault.RetryAfterSeconds ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return throttled;
            default:
                var status = fault.Status ?? 503;
                return status switch
                {
                    500 => ApiResult.Detail(500, "A server error has occurred."),
                    502 or 503 or 504 => new ApiResult
                    {
                        Status = status,
                        Text = "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
                        ContentType = "text/plain",
                    },
                    _ => ApiResult.Detail(status, "Simulated fault."),
                };
        }
    }

    /// <summary>What a proxy answers when the upstream acted but its answer never reached the proxy.</summary>
    public static ApiResult LostAnswer(int status)
        => status == 504 ? GatewayTimeout() : new() { Status = status, Text = BadGatewayHtml.Replace("502 Bad Gateway", status + " Bad Gateway", StringComparison.Ordinal), ContentType = "text/html" };

    public static ApiResult GatewayTimeout()
        => new() { Status = 504, Text = "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n", ContentType = "text/html" };
}
