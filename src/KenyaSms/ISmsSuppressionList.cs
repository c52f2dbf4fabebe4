namespace KenyaSms;

/// <summary>
/// Numbers that must not receive SMS (they opted out, replied STOP, or are on the network's do-not-disturb list). With a
/// list registered, every gateway the container hands out rejects a suppressed recipient with
/// <see cref="SmsErrorCode.Suppressed"/> ("opted out") before any request, unless the message sets
/// <see cref="SmsMessage.BypassSuppression"/>. One query per provider request, never one per recipient.
/// </summary>
public interface ISmsSuppressionList
{
    /// <summary>Which of <paramref name="numbers"/> are suppressed, in one query.</summary>
    /// <param name="numbers">The numbers to check.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The suppressed ones (a subset of <paramref name="numbers"/>, any order).</returns>
    Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default);

    /// <summary>Suppresses <paramref name="number"/> (again: the reason is replaced).</summary>
    /// <param name="number">The number.</param>
    /// <param name="reason">Why, for operators (1-200 characters, e.g. "replied STOP 2026-03-02").</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the number is suppressed.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or longer than 200 characters, or <paramref name="number"/> is the default value.</exception>
    Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="number"/> from the list; nothing happens when it is not on it.</summary>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the number may receive SMS again.</returns>
    Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default);
}
