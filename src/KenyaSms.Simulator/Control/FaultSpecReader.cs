namespace KenyaSms.Simulator.Control;

/// <summary>Turns a <see cref="FaultSpec"/> into a fault rule, or says what is wrong with it.</summary>
internal static class FaultSpecReader
{
    public static FaultRequest? Read(FaultSpec spec, out string? problem)
    {
        problem = null;
        if (!TryProvider(spec.Provider, out SimulatorProvider provider))
        {
            problem = "provider must be qserve, synqtel or africastalking.";
            return null;
        }

        if (spec.Count is not null && spec.Percent is not null)
        {
            problem = "Give count or percent, not both.";
            return null;
        }

        SimulatorFault? fault = Fault(spec, out problem);
        if (fault is null)
        {
            return null;
        }

        if (spec.Processed is { } processed)
        {
            fault = fault.WithProcessed(processed);
        }

        return new FaultRequest(provider, spec.Endpoint ?? SimulatorFaults.AnyEndpoint, fault, spec.Count ?? 1, spec.Percent, spec.Seed);
    }

    public static bool TryProvider(string? name, out SimulatorProvider provider)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "QSERVE" or "254SMS":
                provider = SimulatorProvider.Qserve;
                return true;
            case "SYNQTEL":
                provider = SimulatorProvider.Synqtel;
                return true;
            case "AFRICASTALKING" or "AFRICAS-TALKING" or "AT":
                provider = SimulatorProvider.AfricasTalking;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    private static SimulatorFault? Fault(FaultSpec spec, out string? problem)
    {
        problem = null;
        try
        {
            // "abort-after-reading-request", "AbortAfterReadingRequest" and "abort_after_reading_request" all match.
            switch (spec.Kind?.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
            {
                case "DELAY" when spec.DelayMs is { } ms:
                    return SimulatorFault.Delay(TimeSpan.FromMilliseconds(ms));
                case "DELAY":
                    problem = "A delay needs delayMs.";
                    return null;
                case "STALL":
                    return SimulatorFault.Stall();
                case "STATUS" when spec.Status is { } status:
                    return SimulatorFault.Status(status, spec.Body ?? string.Empty, spec.ContentType ?? "text/html", spec.RetryAfterSeconds);
                case "STATUS":
                    problem = "A status fault needs status (and usually body and contentType).";
                    return null;
                case "BADGATEWAY":
                    return SimulatorFault.BadGateway();
                case "MALFORMEDJSON":
                    return SimulatorFault.MalformedJson();
                case "TRUNCATEDJSON":
                    return SimulatorFault.TruncatedJson();
                case "EMPTYBODY":
                    return SimulatorFault.EmptyBody();
                case "ABORT" or "ABORTAFTERREADINGREQUEST":
                    return SimulatorFault.AbortAfterReadingRequest();
                case "TOOMANYREQUESTS":
                    return SimulatorFault.TooManyRequests(spec.RetryAfterSeconds ?? 1);
                case "PROVIDERERROR" when spec.Code is { Length: > 0 } code:
                    return SimulatorFault.ProviderError(code);
                case "PROVIDERERROR":
                    problem = "A provider-error fault needs code, e.g. 1005, X002, or for africastalking 405, unauthorized, InvalidSenderId.";
                    return null;
                case "REDIRECT" when spec.Location is { Length: > 0 } location:
                    return SimulatorFault.Redirect(spec.Status ?? 302, location);
                case "REDIRECT":
                    problem = "A redirect needs location (and status, 302 unless given).";
                    return null;
                default:
                    problem = $"Unknown kind '{spec.Kind}'. Kinds: delay, stall, status, bad-gateway, malformed-json, truncated-json, empty-body, abort, too-many-requests, provider-error, redirect.";
                    return null;
            }
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return null;
        }
    }
}

/// <summary>A fault rule read from the control API.</summary>
internal sealed record FaultRequest(SimulatorProvider Provider, string Endpoint, SimulatorFault Fault, int Count, double? Percent, int? Seed);
