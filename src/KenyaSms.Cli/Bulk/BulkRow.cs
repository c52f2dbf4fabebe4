namespace KenyaSms.Cli.Bulk;

/// <summary>One CSV row on its way: its personalised text, then what became of it.</summary>
internal sealed class BulkRow
{
    public BulkRow(int line, string phone, string text, SmsSegmentInfo segments, PhoneNumber? number, string? reference = null)
    {
        Line = line;
        Phone = phone;
        Text = text;
        Segments = segments;
        Number = number;
        Reference = reference;
        ClientReference = reference;
    }

    /// <summary>The client reference from the CSV (<c>--reference-column</c>), sent with the message; null without one.</summary>
    public string? Reference { get; }

    /// <summary>The row's line in the CSV file.</summary>
    public int Line { get; }

    /// <summary>The number as written in the file.</summary>
    public string Phone { get; }

    /// <summary>The personalised text.</summary>
    public string Text { get; }

    public SmsSegmentInfo Segments { get; }

    /// <summary>The number when it is a valid Kenyan mobile number.</summary>
    public PhoneNumber? Number { get; }

    /// <summary>See <see cref="Commands.Outcome"/>; null while the row is still to be sent.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The error (an <see cref="SmsErrorCode"/> name, or why a row was skipped); empty when accepted.</summary>
    public string Error { get; private set; } = string.Empty;

    /// <summary>The provider's (or the SDK's) status code.</summary>
    public string? Code { get; private set; }

    /// <summary>What the status or the problem means.</summary>
    public string? Description { get; private set; }

    public string? MessageId { get; private set; }

    public string? ClientReference { get; private set; }

    /// <summary>True when the row must not be sent again blindly: accepted, or possibly taken by the provider.</summary>
    public bool MayHaveBeenSent { get; private set; }

    /// <summary>The number in E.164 when valid, else as written.</summary>
    public string ShownPhone => Number?.E164 ?? Phone;

    public static BulkRow Skipped(int line, string phone, string error, string description, string? reference = null)
    {
        var row = new BulkRow(line, phone, string.Empty, default, null, reference);
        row.Set(Commands.Outcome.Skipped, error, null, description, mayHaveBeenSent: false);
        return row;
    }

    public void Skip(string error, string description) => Set(Commands.Outcome.Skipped, error, null, description, mayHaveBeenSent: false);

    public void Apply(SmsRecipientResult result)
    {
        MessageId = result.MessageId;
        ClientReference = result.ClientReference ?? Reference;
        Set(Commands.Outcome.Of(result), result.IsAccepted ? string.Empty : result.Status.Error.ToString(), result.Status.Code, result.Status.Description,
            result.IsAccepted || result.Status.MayHaveBeenSent);
    }

    public void Fail(SmsGatewayException failure) =>
        Set(failure.MayHaveBeenSent ? Commands.Outcome.Uncertain : Commands.Outcome.NotSent, failure.Error.ToString(), failure.ProviderCode, failure.Message, failure.MayHaveBeenSent);

    public void Cancel() => Set(Commands.Outcome.Uncertain, "Cancelled", null, "Cancelled (Ctrl+C) while its request was under way; it may have been sent.", mayHaveBeenSent: true);

    public void NotAttempted(string why) => Set(Commands.Outcome.NotSent, "NotAttempted", null, why, mayHaveBeenSent: false);

    private void Set(string outcome, string error, string? code, string? description, bool mayHaveBeenSent)
    {
        Outcome = outcome;
        Error = error;
        Code = code;
        Description = description;
        MayHaveBeenSent = mayHaveBeenSent;
    }
}
