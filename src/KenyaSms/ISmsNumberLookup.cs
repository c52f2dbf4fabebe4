using KenyaSms.Synqtel;

namespace KenyaSms;

/// <summary>
/// Asks a provider whether a number is a valid mobile number and which network it is on. Inject it instead of a
/// concrete adapter: KenyaSms registers it for the Synqtel gateway (the one provider that offers a lookup) when Synqtel
/// is configured, and <c>AddFakeSmsGateway()</c> (KenyaSms.Testing) replaces it with the fake.
/// </summary>
public interface ISmsNumberLookup
{
    /// <summary>Asks whether <paramref name="mobile"/> is a valid number and which network it is on.</summary>
    /// <param name="mobile">The number, in any common Kenyan form.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What the provider says about the number. A number that is not a Kenyan mobile number at all is reported invalid without a request.</returns>
    /// <exception cref="ArgumentException"><paramref name="mobile"/> is null, empty or white space.</exception>
    /// <exception cref="SmsGatewayException">The lookup failed.</exception>
    Task<PhoneNumberLookup> LookupAsync(string mobile, CancellationToken cancellationToken = default);
}
