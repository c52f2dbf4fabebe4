namespace KenyaSms.Cli.Commands;

/// <summary>The outcome words the tables and the results CSV use for a recipient.</summary>
internal static class Outcome
{
    /// <summary>The provider accepted the message.</summary>
    public const string Accepted = "accepted";

    /// <summary>Not accepted, and certainly not sent (invalid number, DND, blocked network...).</summary>
    public const string Rejected = "rejected";

    /// <summary>Not confirmed, but the provider may have taken it: do not resend blindly.</summary>
    public const string Uncertain = "uncertain";

    /// <summary>A CSV row that was not sent because it is malformed, a duplicate, or too long.</summary>
    public const string Skipped = "skipped";

    /// <summary>A CSV row never sent because the send stopped (a request failed, or Ctrl+C) before it.</summary>
    public const string NotSent = "not-sent";

    /// <summary>The word for a recipient result.</summary>
    /// <param name="result">The result.</param>
    /// <returns><see cref="Accepted"/>, <see cref="Uncertain"/> or <see cref="Rejected"/>.</returns>
    public static string Of(SmsRecipientResult result) =>
        result.IsAccepted ? Accepted : result.Status.MayHaveBeenSent ? Uncertain : Rejected;
}
