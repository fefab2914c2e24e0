using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TacticalRag.Web.Accounts;

/// <summary>
/// Failed sign-ins counted with ASP.NET Core's rate limiters (token buckets): per network address and per account
/// (the email as typed, normalised, whether or not such an account exists, so the throttle says nothing about which do).
/// Every failure takes a token from both; with either bucket empty the attempt is refused before any password is checked,
/// with the time to wait. Successful sign-ins take nothing.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byAccount;
    private readonly SignInThrottleOptions _options;

    public SignInThrottle(IOptions<SignInThrottleOptions> options)
    {
        _options = options.Value;
        _byAddress = Buckets(_options.FailuresPerAddress, _options.AddressRefill);
        _byAccount = Buckets(_options.FailuresPerAccount, _options.AccountRefill);
    }

    /// <summary>How long to wait before another attempt is heard, or null when one may be made now.</summary>
    public TimeSpan? WaitBeforeAttempt(string address, string email)
    {
        var addressEmpty = _byAddress.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };
        var accountEmpty = _byAccount.GetStatistics(AccountKey(email)) is { CurrentAvailablePermits: <= 0 };
        return (addressEmpty, accountEmpty) switch
        {
            (false, false) => null,
            (true, false) => _options.AddressRefill,
            (false, true) => _options.AccountRefill,
            _ => _options.AddressRefill > _options.AccountRefill ? _options.AddressRefill : _options.AccountRefill,
        };
    }

    public void RecordFailure(string address, string email)
    {
        using var byAddress = _byAddress.AttemptAcquire(address);
        using var byAccount = _byAccount.AttemptAcquire(AccountKey(email));
    }

    private static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    private static PartitionedRateLimiter<string> Buckets(int burst, TimeSpan refill) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _byAddress.Dispose();
        _byAccount.Dispose();
    }
}
