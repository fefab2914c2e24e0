using Microsoft.AspNetCore.Identity;

namespace TacticalRag.Web.Accounts;

/// <summary>A built-in account: its email is its user name.</summary>
public sealed class ApplicationUser : IdentityUser;
