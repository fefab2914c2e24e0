using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace TacticalRag.Web.Accounts;

/// <summary>
/// Before the web serves its first request: applies the accounts schema's migrations (creating the database when no
/// one has), makes sure the three roles exist, and creates the first administrator when there is none. It runs in
/// <see cref="IHostedLifecycleService.StartingAsync"/>, before any hosted service starts: data protection's reads its
/// key ring from the migrated table at start, and would log an error on a first start if it came first.
/// </summary>
public sealed partial class AccountsDatabaseInitializer(
    IServiceScopeFactory scopes, IOptions<AccountsOptions> options, ILogger<AccountsDatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var accounts = services.GetRequiredService<AccountsDbContext>();
        await EnsureMigrationsHistoryAsync(accounts, cancellationToken);
        await accounts.Database.MigrateAsync(cancellationToken);

        var roleManager = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Check(await roleManager.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var userManager = services.GetRequiredService<UserManager<ApplicationUser>>();
        if ((await userManager.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        var admin = options.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Password))
        {
            LogNoAdmin(logger, AccountsOptions.SectionName);
            return;
        }
        var user = await userManager.FindByEmailAsync(admin.Email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = admin.Email, Email = admin.Email, EmailConfirmed = true };
            Check(await userManager.CreateAsync(user, admin.Password), $"the first administrator {admin.Email}");
        }
        Check(await userManager.AddToRoleAsync(user, Roles.Admin), $"the admin role of {admin.Email}");
        LogAdminCreated(logger, admin.Email);
    }

    /// <summary>
    /// Npgsql's migrator reads the migrations history before it creates the table (npgsql/efcore.pg#3407): on an empty
    /// database that select fails, the client ignores it, and PostgreSQL logs it as an ERROR. EF's own
    /// create-if-not-exists script, run first and every time, leaves nothing to fail: it never errs (an existing table is
    /// a NOTICE, below PostgreSQL's default log level). Asking first is no use: Npgsql's history repository answers
    /// <c>ExistsAsync</c> with true, always, and relies on catching that failed select. The AppHost creates the database.
    /// </summary>
    private static async Task EnsureMigrationsHistoryAsync(AccountsDbContext accounts, CancellationToken cancellationToken) =>
        await accounts.Database.ExecuteSqlRawAsync(accounts.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Accounts: could not create {what}: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Email}.")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No administrator exists and {Section}:Admin:Password is not set: no one can manage users until it is (the AppHost's admin-password parameter).")]
    private static partial void LogNoAdmin(ILogger logger, string section);
}
