using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;

namespace AapPacker.Simulator.Api;

/// <summary>
/// <c>jobs/&lt;id&gt;/stdout/?format=</c>: the stored events' stdout in start_line order. Above 1 MiB only the
/// <c>*_download</c> formats return the text; the others return AAP's "too large" message with a 200.
/// </summary>
internal static partial class JobStdout
{
    public const int MaxBytesDisplay = 1_048_576;

    [GeneratedRegex(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant)]
    private static partial Regex Ansi();

    public static void Map(ApiRouter r) => r.Get("jobs/{id}/stdout/", Get);

    private static ApiResult Get(ApiRequest req)
    {
        var job = Jobs.Find(req);
        var events = new VisibleEvents(job, req.Now);
        var plan = events.Plan;
        var counters = events.All().Where(c => plan.LineCount(c) > 0).ToList();
        var format = req.QueryValue("format") ?? "json";
        // AWX sums LENGTH(stdout) over the stored events (no separators) before deciding it is too large.
        long size = counters.Sum(c => (long)plan.StdoutLength(c));
        var tooLarge = $"Standard Output too large to display ({size.ToString(CultureInfo.InvariantCulture)} bytes), only download supported for sizes over {MaxBytesDisplay.ToString(CultureInfo.InvariantCulture)} bytes.";
        switch (format)
        {
            case "txt_download" or "ansi_download":
                var strip = format == "txt_download";
                var download = new ApiResult
                {
                    ContentType = "text/plain; charset=utf-8",
                    Streamed = async (stream, ct) =>
                    {
                        // The plan is immutable, so the text can be generated outside the store lock.
                        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
                        foreach (var c in counters)
                        {
                            var text = Line(plan, c);
                            await writer.WriteAsync(strip ? Ansi().Replace(text, "") : text).ConfigureAwait(false);
                            ct.ThrowIfCancellationRequested();
                        }
                        await writer.FlushAsync(ct).ConfigureAwait(false);
                    },
                };
                download.Headers["Content-Disposition"] = $"attachment; filename=\"job_{job.Id.ToString(CultureInfo.InvariantCulture)}.txt\"";
                return download;
            case "txt" or "ansi":
                if (size > MaxBytesDisplay)
                {
                    return ApiResult.PlainText(tooLarge);
                }
                var all = Text(plan, counters);
                return ApiResult.PlainText(format == "txt" ? Ansi().Replace(all, "") : all);
            case "html" or "api":
                var html = size > MaxBytesDisplay ? tooLarge : System.Net.WebUtility.HtmlEncode(Ansi().Replace(Text(plan, counters), ""));
                return ApiResult.PlainText($"<!DOCTYPE HTML>\n<html><body><pre>{html}</pre></body></html>\n", "text/html; charset=utf-8");
            case "json":
                return Json(req, plan, counters, size, tooLarge);
            default:
                return ApiResult.Detail(404, "Not found.");
        }
    }

    private static ApiResult Json(ApiRequest req, IJobOutput plan, List<int> counters, long size, string tooLarge)
    {
        if (size > MaxBytesDisplay)
        {
            return ApiResult.Ok(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = 0, ["end"] = 1, ["absolute_end"] = 1 },
                ["content"] = tooLarge,
            });
        }
        var lines = Ansi().Replace(Text(plan, counters), "").Split('\n');
        var total = Math.Max(0, lines.Length - 1);
        var start = int.TryParse(req.QueryValue("start_line"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var end = int.TryParse(req.QueryValue("end_line"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e) ? e : total;
        if (start < 0)
        {
            start = Math.Max(0, total + start);
        }
        start = Math.Clamp(start, 0, total);
        end = Math.Clamp(end, start, total);
        var content = string.Concat(lines.Skip(start).Take(end - start).Select(l => l + "\n"));
        if (req.QueryValue("content_encoding") == "base64")
        {
            content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
        }
        return ApiResult.Ok(new JsonObject
        {
            ["range"] = new JsonObject { ["start"] = start, ["end"] = end, ["absolute_end"] = total },
            ["content"] = content,
        });
    }

    private static string Text(IJobOutput plan, List<int> counters)
    {
        var sb = new StringBuilder();
        foreach (var c in counters)
        {
            sb.Append(Line(plan, c));
        }
        return sb.ToString();
    }

    /// <summary>One stored event as the stdout views show it: one row per event, CRLF inside turned into LF.</summary>
    private static string Line(IJobOutput plan, int counter) => plan.Get(counter).Stdout.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}
