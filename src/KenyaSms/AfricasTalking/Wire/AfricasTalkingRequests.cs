using System.Text;

namespace KenyaSms.AfricasTalking.Wire;

/// <summary>
/// The <c>messaging</c> form, field by field as AT's SDKs send it: <c>username</c>, <c>to</c> (comma-joined E.164 with
/// <c>+</c>), <c>message</c>, <c>from</c> only when a sender ID is set, <c>bulkSMSMode=1</c>, and <c>enqueue</c> always
/// explicit (a recorded send without it came back 101, although AT's docs say it defaults to 1).
/// </summary>
internal static class AfricasTalkingRequests
{
    public static byte[] Messaging(string username, IReadOnlyList<string> to, string message, string? from, bool enqueue)
    {
        var form = new StringBuilder(64 + message.Length + (to.Count * 16));
        Field(form, "username", username);
        form.Append("&to=");
        for (int i = 0; i < to.Count; i++)
        {
            if (i > 0)
            {
                form.Append("%2C");
            }

            form.Append(Uri.EscapeDataString(to[i]));
        }

        form.Append('&');
        Field(form, "message", message);
        if (from is not null)
        {
            form.Append('&');
            Field(form, "from", from);
        }

        form.Append("&bulkSMSMode=1&enqueue=").Append(enqueue ? '1' : '0');
        return Encoding.UTF8.GetBytes(form.ToString());
    }

    private static void Field(StringBuilder form, string name, string value) =>
        form.Append(name).Append('=').Append(Escape(value));

    // Uri.EscapeDataString refuses strings over 65,519 characters on older frameworks; a message never is one (6 segments).
    private static string Escape(string value) => Uri.EscapeDataString(value);
}
