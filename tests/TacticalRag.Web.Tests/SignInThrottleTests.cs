using Microsoft.Extensions.Options;
using TacticalRag.Web.Accounts;

namespace TacticalRag.Web.Tests;

/// <summary>Failed sign-ins are throttled per address and per account, whether or not the account exists; nothing locks.</summary>
public sealed class SignInThrottleTests
{
    private static SignInThrottle Throttle() => new(Options.Create(new SignInThrottleOptions
    {
        FailuresPerAddress = 6, AddressRefill = TimeSpan.FromMinutes(5), FailuresPerAccount = 3, AccountRefill = TimeSpan.FromMinutes(1),
    }));

    [Fact]
    public void AnAccountWaitsAfterItsFailuresFromAnyAddressAndOthersDoNot()
    {
        using var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.WaitBeforeAttempt($"10.0.0.{i}", "victim@example.test"));
            throttle.RecordFailure($"10.0.0.{i}", "victim@example.test");
        }

        Assert.Equal(TimeSpan.FromMinutes(1), throttle.WaitBeforeAttempt("10.9.9.9", " VICTIM@example.test "));
        Assert.Null(throttle.WaitBeforeAttempt("10.9.9.9", "someone-else@example.test"));
    }

    [Fact]
    public void AnAddressWaitsAfterItsFailuresOnAnyAccounts()
    {
        using var throttle = Throttle();
        for (var i = 0; i < 6; i++)
        {
            throttle.RecordFailure("10.0.0.1", $"guess-{i}@example.test");
        }

        Assert.Equal(TimeSpan.FromMinutes(5), throttle.WaitBeforeAttempt("10.0.0.1", "fresh@example.test"));
        Assert.Null(throttle.WaitBeforeAttempt("10.0.0.2", "fresh@example.test"));
    }
}
