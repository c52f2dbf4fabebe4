namespace KenyaSms.Simulator.Control;

/// <summary>The JSON body of <c>POST /_simulator/faults</c>; see the README for the fields.</summary>
internal sealed class FaultSpec
{
    public string? Provider { get; set; }

    public string? Endpoint { get; set; }

    public string? Kind { get; set; }

    public int? Count { get; set; }

    public double? Percent { get; set; }

    public int? Seed { get; set; }

    public int? Status { get; set; }

    public string? Body { get; set; }

    public string? ContentType { get; set; }

    public int? DelayMs { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public bool? Processed { get; set; }

    public string? Code { get; set; }

    public string? Location { get; set; }
}
