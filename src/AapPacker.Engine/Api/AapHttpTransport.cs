using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace AapPacker.Engine.Api;

/// <summary>
/// Sends requests to one server and reads the answers: Authorization header, resilience pipelines, per-request
/// debug log. Returns every HTTP answer as a <see cref="WireResponse"/>; throws <see cref="AapApiException"/>
/// only when no answer came (network, TLS, timeout) and <see cref="OperationCanceledException"/> when the
/// caller cancelled.
/// </summary>
internal sealed class AapHttpTransport : IDisposable
{
    private const int RawTextLimit = 2048;
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new MediaTypeWithQualityHeaderValue("application/json");

    private readonly AapClientOptions _options;
    private readonly Uri _server;
    private readonly ServerCertificateValidator _validator;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<WireResponse> _retrying;
    private readonly ResiliencePipeline<WireResponse> _singleAttempt;

    public AapHttpTransport(AapClientOptions options, Uri server, ServerCertificateValidator validator)
    {
        _options = options;
        _server = server;
        _validator = validator;
        _http = new HttpClient(HttpHandlerFactory.Create(_options, _validator), disposeHandler: true)
        {
            // The timeout is per attempt (see SendOnceAsync), not per call with its retries.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("AapPacker", typeof(AapHttpTransport).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _retrying = RetryPipelineFactory.CreateRetrying(_options);
        _singleAttempt = RetryPipelineFactory.CreateSingleAttempt();
    }

    /// <summary>The server root (scheme, host, port).</summary>
    public Uri Server => _server;

    /// <summary>
    /// Sends one request. <paramref name="requestPath"/> is absolute from the host root, slash already added.
    /// <paramref name="body"/> is the UTF-8 JSON body. <paramref name="expectJson"/> makes a non-JSON success
    /// answer count as transient (a proxy's page) for retried calls.
    /// </summary>
    public async Task<WireResponse> SendAsync(HttpMethod method, string requestPath, byte[]? body, bool anonymous, bool retry, bool expectJson, CancellationToken cancellationToken)
    {
        var call = new Call(this, method, requestPath, body, anonymous, expectJson);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipelineFactory.RequestKey, method.Method + " " + requestPath);
        try
        {
            var pipeline = retry ? _retrying : _singleAttempt;
            return await pipeline.ExecuteAsync(
                static (ctx, state) => state.AttemptAsync(ctx.CancellationToken),
                context,
                call).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (!(ex is AapApiException))
        {
            throw TransportErrors.ToApiException(ex, method.Method, requestPath, _server, _options.RequestTimeout, _validator.LastFailure);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<WireResponse> SendOnceAsync(Call call, CancellationToken cancellationToken)
    {
        call.Attempt++;
        var started = _options.TimeProvider.GetTimestamp();
        using (var request = new HttpRequestMessage(call.Method, new Uri(_server, call.Path)))
        {
            request.Headers.Accept.Add(AcceptJson);
            if (!call.Anonymous)
            {
                request.Headers.Authorization = AuthenticationHeader.Create(_options);
            }

            if (call.Body != null)
            {
                request.Content = new ByteArrayContent(call.Body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (_options.RequestTimeout > TimeSpan.Zero && _options.RequestTimeout != Timeout.InfiniteTimeSpan)
                {
                    attempt.CancelAfter(_options.RequestTimeout);
                }

                try
                {
                    // ResponseContentRead: the body is read under the same (per-attempt) token.
                    using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false))
                    {
                        var wire = await ReadAsync(response, call.ExpectJson).ConfigureAwait(false);
                        Trace(call, wire.StatusCode.ToString(CultureInfo.InvariantCulture), started);
                        return wire;
                    }
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
                {
                    Trace(call, "no answer in time", started);
                    throw new AttemptTimeoutException(_options.RequestTimeout, ex);
                }
                catch (Exception ex)
                {
                    Trace(call, "no answer (" + ex.GetType().Name + ")", started);
                    throw;
                }
            }
        }
    }

    private void Trace(Call call, string outcome, long started)
    {
        var elapsed = _options.TimeProvider.GetElapsedTime(started);
        _options.Log.Debug(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3:0} ms (attempt {4})",
            call.Method.Method, call.Path, outcome, elapsed.TotalMilliseconds, call.Attempt));
    }

    private async Task<WireResponse> ReadAsync(HttpResponseMessage response, bool expectJson)
    {
        var wire = new WireResponse
        {
            StatusCode = (int)response.StatusCode,
            MediaType = response.Content?.Headers.ContentType?.MediaType,
            Location = response.Headers.Location?.OriginalString,
            RetryAfter = ReadRetryAfter(response),
            ProductVersion = FirstHeader(response, "X-API-Product-Version"),
            ProductName = FirstHeader(response, "X-API-Product-Name"),
        };

        // Bytes, not a string: a page of job events is a few hundred KB, and a string copy of it (twice the size,
        // on the large object heap) for every page made a streaming job's memory swell.
        var bytes = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var body = SkipUtf8Bom(bytes);
        var firstChar = FirstNonWhitespace(body);
        wire.HasBody = firstChar >= 0;
        if (!wire.HasBody)
        {
            return wire;
        }

        if (LooksLikeJson(wire.MediaType, (char)firstChar))
        {
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    wire.Json = document.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
                wire.Json = null;
            }
        }

        if (wire.Json is null)
        {
            var text = DecodeText(response, body);
            wire.RawText = text.Length > RawTextLimit ? text.Substring(0, RawTextLimit) : text;
            wire.UnexpectedContent = expectJson && wire.IsSuccess;
        }

        return wire;
    }

    private static ReadOnlyMemory<byte> SkipUtf8Bom(byte[] bytes)
        => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            ? new ReadOnlyMemory<byte>(bytes, 3, bytes.Length - 3)
            : new ReadOnlyMemory<byte>(bytes);

    /// <summary>The first byte that is not JSON whitespace, or -1 for an empty body.</summary>
    private static int FirstNonWhitespace(ReadOnlyMemory<byte> body)
    {
        foreach (var b in body.Span)
        {
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
            {
                return b;
            }
        }

        return -1;
    }

    /// <summary>The body as text, in the charset the server named (UTF-8 otherwise), for non-JSON answers.</summary>
    private static string DecodeText(HttpResponseMessage response, ReadOnlyMemory<byte> body)
    {
        var encoding = Encoding.UTF8;
        var charset = response.Content?.Headers.ContentType?.CharSet;
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset!.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: read it as UTF-8, as HttpContent does.
            }
        }

        return encoding.GetString(body.ToArray());
    }

    private static bool LooksLikeJson(string? mediaType, char first)
    {
        if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        if (mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return false;
        }

        return first == '{' || first == '[';
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta.HasValue)
        {
            return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
        }

        if (header.Date.HasValue)
        {
            var wait = header.Date.Value - _options.TimeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? FirstHeader(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _validator.Dispose();
    }

    /// <summary>One logical request across its attempts.</summary>
    private sealed class Call
    {
        private readonly AapHttpTransport _transport;

        public Call(AapHttpTransport transport, HttpMethod method, string path, byte[]? body, bool anonymous, bool expectJson)
        {
            _transport = transport;
            Method = method;
            Path = path;
            Body = body;
            Anonymous = anonymous;
            ExpectJson = expectJson;
        }

        public HttpMethod Method { get; }

        public string Path { get; }

        public byte[]? Body { get; }

        public bool Anonymous { get; }

        public bool ExpectJson { get; }

        public int Attempt { get; set; }

        public ValueTask<WireResponse> AttemptAsync(CancellationToken cancellationToken) => _transport.SendOnceAsync(this, cancellationToken);
    }
}
