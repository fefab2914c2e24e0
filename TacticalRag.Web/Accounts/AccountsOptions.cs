using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Web.Accounts;

/// <summary>Section <c>Accounts</c>: the built-in accounts (used when no OpenID Connect provider is configured).</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>
    /// The first administrator, created at start when no admin exists (the AppHost passes <c>admin-email</c> and
    /// <c>admin-password</c>). Without a password no one is created, and the log says how to set one.
    /// </summary>
    public AdminAccount Admin { get; set; } = new();

    /// <summary>How often an open page re-checks that its user still exists and has not signed out everywhere.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public sealed class AdminAccount
    {
        [EmailAddress]
        public string Email { get; set; } = "admin@localhost";

        public string? Password { get; set; }
    }
}
