namespace KenyaSms.Policies;

/// <summary>
/// What an operator's tool (the <c>kenyasms suppress</c> commands) needs from a suppression list beyond
/// <see cref="ISmsSuppressionList"/>: one entry with its reason, and an import of many numbers that is all or nothing.
/// Every store the <c>Add*SuppressionList</c> methods register implements it; internal, as applications need neither.
/// </summary>
internal interface ISuppressionListAdmin
{
    /// <summary>The entry of <paramref name="number"/>, or null when it is not suppressed.</summary>
    /// <exception cref="ArgumentException"><paramref name="number"/> is the default value.</exception>
    Task<SuppressionEntry?> GetAsync(PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Suppresses every number of <paramref name="entries"/> (a number already on the list gets the new reason; a number
    /// given twice keeps its last reason) in one transaction: either all are written or none.
    /// </summary>
    /// <returns>How many distinct numbers were written.</returns>
    /// <exception cref="ArgumentException">An entry's number is the default value or its reason is empty or longer than 200 characters: nothing is written.</exception>
    Task<int> SuppressAllAsync(IReadOnlyList<(PhoneNumber Number, string Reason)> entries, CancellationToken cancellationToken = default);
}

/// <summary>A suppressed number, why, and when that reason was recorded (UTC).</summary>
/// <param name="Number">The number.</param>
/// <param name="Reason">The reason last given.</param>
/// <param name="SuppressedAt">When the number was last suppressed (the reason's time).</param>
internal sealed record SuppressionEntry(PhoneNumber Number, string Reason, DateTimeOffset SuppressedAt);
