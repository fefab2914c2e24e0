using Microsoft.AspNetCore.Identity;

namespace TacticalRag.Web.Accounts;

/// <summary>The outcome of a sign-in attempt as the page shows it: one message for every failure.</summary>
public enum PasswordSignInOutcome
{
    SignedIn,
    Refused,
    Throttled,
}

/// <summary>
/// Built-in accounts' sign-in without telling anyone which accounts exist: an unknown email costs the same password hash
/// as a known one (checked against a dummy hash), every failure (unknown, wrong password, disabled or locked by an
/// administrator) reads the same, and failures are throttled per address and per account (<see cref="SignInThrottle"/>)
/// rather than locking the account, which anyone who knows an email could do to its owner.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IPasswordHasher<ApplicationUser> hasher, SignInThrottle throttle)
{
    /// <summary>A hash of a random password, made once, for unknown emails to be checked against.</summary>
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public async Task<(PasswordSignInOutcome Outcome, TimeSpan? RetryAfter)> SignInAsync(string address, string email, string password)
    {
        if (throttle.WaitBeforeAttempt(address, email) is { } wait)
        {
            return (PasswordSignInOutcome.Throttled, wait);
        }
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, password);
            throttle.RecordFailure(address, email);
            return (PasswordSignInOutcome.Refused, null);
        }
        // No lock-out counting (lockoutOnFailure: false): the throttle slows guessing instead.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return (PasswordSignInOutcome.SignedIn, null);
        }
        throttle.RecordFailure(address, email);
        return (PasswordSignInOutcome.Refused, null);
    }
}
