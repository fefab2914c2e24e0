using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TacticalRag.Web.Accounts;

/// <summary>Users, roles and their links, in the <c>identity</c> PostgreSQL database.</summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<ApplicationUser>(options);

/// <summary>For <c>dotnet ef migrations add</c> only: no server is contacted when a migration is written.</summary>
internal sealed class AccountsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AccountsDbContext>().UseNpgsql("Host=localhost;Database=identity").Options);
}
