namespace KenyaSms.Simulator.Qserve;

/// <summary>
/// A <c>messageDetails</c> outcome. The reference shows only "Successfully Sent" / 2; the failures are the
/// simulator's choice, in the same swapped layout (text in <c>statusCode</c>, number in <c>statusMessage</c>).
/// </summary>
internal sealed record QserveRecipientStatus(string Text, int Number)
{
    public static readonly QserveRecipientStatus Sent = new("Successfully Sent", 2);
    public static readonly QserveRecipientStatus InvalidNumber = new("Invalid Phone Number", 3);
    public static readonly QserveRecipientStatus InsufficientCredits = new("Insufficient credits", 4);
}
