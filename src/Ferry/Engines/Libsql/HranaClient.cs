using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Hrana over HTTP with JSON (the libSQL remote protocol spoken by <c>sqld</c> and Turso): the two
/// endpoints <c>v3/pipeline</c> and <c>v3/cursor</c>, the bearer token, the namespace <c>Host</c> header,
/// and HTTP errors turned into <see cref="HranaException"/>s. Statefulness lives in <see cref="HranaStream"/>.
/// One client, and so one connection pool, per open database.
/// </summary>
internal sealed class HranaClient : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a request may take to answer. sqld replies only once every statement of a pipeline has
    /// run, so this bounds one batch; a cursor's rows stream after the headers and are not bound by it.
    /// </summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromMinutes(5);

    private const int MaxErrorBodyChars = 500;

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string? _hostHeader;
    private readonly string? _token;

    // Hrana 3 unless the server proves to lack it; then Hrana 2, which has pipelines but no cursors.
    private volatile string _version = "v3";

    public HranaClient(Uri baseUri, string? token, string? hostHeader, TimeSpan? requestTimeout = null)
    {
        _baseUri = baseUri;
        _token = token;
        _hostHeader = hostHeader;
        RequestTimeout = requestTimeout ?? DefaultRequestTimeout;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            // Turso moves databases between machines: do not hold one address forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.All,
            // A redirect would resend the token to wherever it points; Hrana moves streams with base_url instead.
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler) { Timeout = RequestTimeout };
    }

    public TimeSpan RequestTimeout { get; }

    /// <summary>False on a Hrana 2 server: cursors are then emulated with a pipeline (and its response cap).</summary>
    public bool SupportsCursor => _version == "v3";

    public HranaStream OpenStream() => new(this);

    public async Task<(IReadOnlyList<HranaStreamResult> Results, string? Baton, string? BaseUrl)> PipelineAsync(
        string? baseUrl, string? baton, IReadOnlyList<HranaRequest> requests, CancellationToken ct)
    {
        var body = HranaJson.PipelineBody(baton, requests);
        using var response = await SendAsync(baseUrl, "pipeline", body, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var content = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var document = await ParseAsync(content, ct).ConfigureAwait(false);
            var root = document.RootElement;
            var results = root.GetProperty("results").EnumerateArray().Select(HranaJson.ReadStreamResult).ToList();
            if (results.Count != requests.Count)
                throw new HranaException($"libSQL answered {results.Count} results to {requests.Count} requests.");
            return (results, HranaJson.String(root, "baton"), HranaJson.String(root, "base_url"));
        }
    }

    public async Task<(HranaCursor Cursor, string? Baton, string? BaseUrl)> CursorAsync(
        string? baseUrl, string? baton, HranaBatch batch, CancellationToken ct)
    {
        var body = HranaJson.CursorBody(baton, batch);
        var response = await SendAsync(baseUrl, "cursor", body, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        return await HranaCursor.OpenAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>The text of <c>GET /version</c>, which sqld answers with its name and version; null where a server does not.</summary>
    public async Task<string?> ServerVersionAsync(CancellationToken ct)
    {
        try
        {
            using var request = NewRequest(HttpMethod.Get, new Uri(_baseUri, "version"), null, null);
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            var text = (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Trim();
            return text.StartsWith("sqld", StringComparison.OrdinalIgnoreCase) && text.Length < 200 ? text : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string? baseUrl, string endpoint, byte[] body, HttpCompletionOption completion, CancellationToken ct)
    {
        while (true)
        {
            var version = _version;
            var uri = new Uri(BaseOf(baseUrl), $"{version}/{endpoint}");
            using var request = NewRequest(HttpMethod.Post, uri, body, baseUrl);
            var response = await _http.SendAsync(request, completion, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                var error = ErrorOf(response.StatusCode, await ReadErrorBodyAsync(response, ct).ConfigureAwait(false));
                // A server without Hrana 3 has no such route and says nothing; a missing namespace is a 404 too, but explained.
                if (response.StatusCode == HttpStatusCode.NotFound && version == "v3" && endpoint == "pipeline" && !error.Explained)
                {
                    _version = "v2";
                    continue;
                }
                throw error;
            }
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri, byte[]? body, string? baseUrl)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        if (_token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        // The namespace rides in the Host header of requests to the address we were given. A base_url
        // naming another host is already the right one; one naming our own address still needs it.
        if (_hostHeader is not null && (baseUrl is null || uri.Authority == _baseUri.Authority)) request.Headers.Host = _hostHeader;
        return request;
    }

    private Uri BaseOf(string? baseUrl)
    {
        if (baseUrl is null) return _baseUri;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new HranaException($"libSQL sent an unusable base_url '{baseUrl}'.");
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static async Task<JsonDocument> ParseAsync(Stream content, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(content, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new HranaException("libSQL answered with JSON Ferry cannot read: " + e.Message, inner: e);
        }
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] + "…" : text.Trim();
    }

    /// <summary>
    /// An HTTP error as the server explained it: Hrana's <c>{"message","code"}</c>, sqld's own
    /// <c>{"error": "..."}</c>, or whatever text a proxy put there (the spec warns of HTML).
    /// </summary>
    internal static HranaException ErrorOf(HttpStatusCode status, string body)
    {
        string? message = null, code = null;
        if (body.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                message = HranaJson.String(json.RootElement, "message") ?? HranaJson.String(json.RootElement, "error");
                code = HranaJson.String(json.RootElement, "code");
            }
            catch (JsonException)
            {
                // Not JSON after all: the text itself is the best explanation there is.
            }
        }
        var explained = message is not null;
        if (message is null) message = body.StartsWith('<') || body.Length == 0 ? $"HTTP {(int)status} {status}" : body;
        return new HranaException(message, code, status, explained: explained);
    }

    public void Dispose() => _http.Dispose();
}
