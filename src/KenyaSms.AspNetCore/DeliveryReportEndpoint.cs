using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using KenyaSms.AfricasTalking;
using KenyaSms.Synqtel;
using KenyaSms.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace KenyaSms.AspNetCore;

/// <summary>
/// Answers the providers' delivery-report POSTs: secret first (401 before reading anything), then the provider (the
/// route's <c>{provider}</c>, Synqtel when the pattern has none; 404 for one that sends no reports), its content type
/// (415: JSON for Synqtel, a form for Africa's Talking), size (413) and shape (400); a well-formed report then goes to <see cref="DeliveryReportDispatcher"/> (200 once
/// handled, also for duplicates, steps backwards and unknown messages; 503 while another call handles its message;
/// 500 when the handler fails).
/// </summary>
internal sealed class DeliveryReportEndpoint
{
    public const string SecretHeader = "X-KenyaSms-Secret";

    public const string SecretRouteValue = "secret";

    public const string ProviderRouteValue = "provider";

    private readonly byte[][] _secretHashes;
    private readonly int _maxBodyBytes;
    private readonly DeliveryReportDispatcher _dispatcher;
    private readonly ILogger _logger;

    public DeliveryReportEndpoint(
        IOptions<DeliveryReportEndpointOptions> options,
        IDeliveryReportStore store,
        TimeProvider timeProvider,
        ILogger<DeliveryReportEndpoint> logger)
    {
        DeliveryReportEndpointOptions settings = options.Value;
        _secretHashes = [.. settings.Secrets.Select(static s => SHA256.HashData(Encoding.UTF8.GetBytes(s)))];
        _maxBodyBytes = settings.MaxBodyBytes;
        _dispatcher = new DeliveryReportDispatcher(store, timeProvider, logger);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        CancellationToken ct = context.RequestAborted;
        if (!IsKnownSecret(PresentedSecret(request)))
        {
            Log.SecretRefused(_logger);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        string? provider = Provider(request);
        if (provider is null)
        {
            Refuse(context, StatusCodes.Status404NotFound, "the provider in the route sends no delivery reports");
            return;
        }

        // The content type is checked here (415), so the parser is then told the provider's own format.
        string mediaType = ReferenceEquals(provider, SynqtelSmsGateway.ProviderName) ? DeliveryReportParser.JsonMediaType : DeliveryReportParser.FormMediaType;
        if (request.ContentType is not { } contentType || !DeliveryReportParser.IsUtf8MediaType(contentType, mediaType))
        {
            Refuse(context, StatusCodes.Status415UnsupportedMediaType, "the content type is not " + mediaType);
            return;
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, $"the body is over {_maxBodyBytes} bytes");
            return;
        }

        DeliveryReport? report;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_maxBodyBytes + 1);
        try
        {
            int length = await ReadAtMostAsync(request.Body, buffer.AsMemory(0, _maxBodyBytes + 1), ct).ConfigureAwait(false);
            if (length > _maxBodyBytes)
            {
                Refuse(context, StatusCodes.Status413PayloadTooLarge, $"the body is over {_maxBodyBytes} bytes");
                return;
            }

            if (!DeliveryReportParser.TryParse(provider, buffer.AsSpan(0, length), contentType: null, out report))
            {
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    Log.UnreadableBody(_logger, Redact.Snippet(buffer.AsSpan(0, length)));
                }

                Refuse(context, StatusCodes.Status400BadRequest, "the body is not a delivery report");
                return;
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits and broken chunked encoding.
            Refuse(context, ex.StatusCode, "the body could not be read");
            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            // The provider went away mid-body; it will send the report again. Nothing to answer, nothing to log as an error.
            return;
        }
        finally
        {
            // The body holds phone numbers.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }

        try
        {
            await _dispatcher.DispatchAsync(context, report, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The provider went away while the store was asked, before the handler ran; it will send the report again.
        }
    }

    private void Refuse(HttpContext context, int statusCode, string reason)
    {
        Log.Refused(_logger, statusCode, reason);
        context.Response.StatusCode = statusCode;
    }

    // The route's {secret} when the pattern has one, else the header (exactly one value).
    private static string? PresentedSecret(HttpRequest request)
    {
        if (request.RouteValues.TryGetValue(SecretRouteValue, out object? value))
        {
            return value as string;
        }

        StringValues header = request.Headers[SecretHeader];
        return header.Count == 1 ? header[0] : null;
    }

    // Hashing first gives both sides the same length, so FixedTimeEquals compares every byte; every configured
    // secret is compared, without stopping at a match, so timing tells nothing about which one or how close.
    private bool IsKnownSecret(string? presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty), hash);
        bool known = false;
        foreach (byte[] secret in _secretHashes)
        {
            known |= CryptographicOperations.FixedTimeEquals(hash, secret);
        }

        return known && !string.IsNullOrEmpty(presented);
    }

    // The route's {provider} (any case) as its provider key, Synqtel when the pattern has none; null for any other value.
    private static string? Provider(HttpRequest request)
    {
        if (!request.RouteValues.TryGetValue(ProviderRouteValue, out object? value))
        {
            return SynqtelSmsGateway.ProviderName;
        }

        string? name = value as string;
        return string.Equals(name, SynqtelSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase) ? SynqtelSmsGateway.ProviderName
            : string.Equals(name, AfricasTalkingSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase) ? AfricasTalkingSmsGateway.ProviderName
            : null;
    }

    // Reads until the end of the body or until the buffer is full (one byte more than allowed means "too large").
    private static async Task<int> ReadAtMostAsync(Stream body, Memory<byte> buffer, CancellationToken ct)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = await body.ReadAsync(buffer[total..], ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
