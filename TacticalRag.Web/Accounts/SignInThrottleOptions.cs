using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Web.Accounts;

/// <summary>
/// Section <c>Accounts:SignInThrottle</c>: failed sign-ins allowed in a row, per network address and per account,
/// before each must wait for the next attempt; there is no lock-out, so no one can shut another user out for long.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "Accounts:SignInThrottle";

    /// <summary>Failed attempts from one address before it waits (any accounts, known or not).</summary>
    [Range(1, 10_000)]
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>After them, one more attempt per this much time from that address.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AddressRefill { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Failed attempts on one account (by email, known or not) before it waits.</summary>
    [Range(1, 10_000)]
    public int FailuresPerAccount { get; set; } = 10;

    /// <summary>After them, one more attempt on that account per this much time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AccountRefill { get; set; } = TimeSpan.FromSeconds(30);
}
