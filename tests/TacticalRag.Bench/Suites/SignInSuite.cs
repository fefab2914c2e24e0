extern alias web;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using web::TacticalRag.Web.Accounts;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// How long a failed sign-in takes for an email with an account and for one without: the web front end's own
/// <see cref="PasswordSignIn"/> over ASP.NET Core Identity (the product's hasher and sign-in manager) on an in-memory
/// SQLite accounts database, attempts alternating so drift falls on both alike. Equal times mean the answer's timing
/// does not tell which accounts exist (target: medians within 10%).
/// </summary>
public sealed class SignInSuite : IBenchSuite
{
    private const string KnownEmail = "known@bench.example";
    private const string UnknownEmail = "unknown@bench.example";

    public string Name => "sign-in";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var attempts = options.Quick ? 15 : 60;
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var provider = Services(connection);
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Database.EnsureCreatedAsync(cancellationToken);
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>()
                .CreateAsync(new ApplicationUser { UserName = KnownEmail, Email = KnownEmail }, "The right password 4 the bench!");
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        // Warm-up: the first hash and the first queries pay for JIT and connection set-up.
        for (var i = 0; i < 3; i++)
        {
            await AttemptAsync(provider, KnownEmail);
            await AttemptAsync(provider, UnknownEmail);
        }
        List<double> known = [], unknown = [];
        for (var i = 0; i < attempts && !cancellationToken.IsCancellationRequested; i++)
        {
            // Alternating which goes first, so neither always follows the other.
            if (i % 2 == 0)
            {
                known.Add(await AttemptAsync(provider, KnownEmail));
                unknown.Add(await AttemptAsync(provider, UnknownEmail));
            }
            else
            {
                unknown.Add(await AttemptAsync(provider, UnknownEmail));
                known.Add(await AttemptAsync(provider, KnownEmail));
            }
            Progress.Step($"attempt {i + 1}/{attempts}");
        }

        var knownSummary = LatencySummary.From(known);
        var unknownSummary = LatencySummary.From(unknown);
        var difference = Math.Abs(knownSummary.P50 - unknownSummary.P50) / knownSummary.P50;
        var table = new MarkdownTable("Email", "Failed attempts", "Median ms", "p90 ms", "Max ms");
        table.Add("has an account (wrong password)", knownSummary.Count.ToString(CultureInfo.InvariantCulture), Ms(knownSummary.P50), Ms(knownSummary.P90), Ms(knownSummary.Max));
        table.Add("has no account", unknownSummary.Count.ToString(CultureInfo.InvariantCulture), Ms(unknownSummary.P50), Ms(unknownSummary.P90), Ms(unknownSummary.Max));
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine("- `PasswordSignIn.SignInAsync` with a wrong password, one attempt at a time, alternating the two emails; in-memory SQLite accounts (a PostgreSQL round trip adds the same lookup to both).");
        report.AppendLine();
        report.AppendLine(table.ToString());
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Difference of the medians: {difference:P1} of the known account's median (target under 10%: {(difference < 0.10 ? "met" : "**not met**")}).");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }

    private static async Task<double> AttemptAsync(ServiceProvider provider, string email)
    {
        await using var scope = provider.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
        var started = Stopwatch.GetTimestamp();
        var (outcome, _) = await signIn.SignInAsync("192.0.2.1", email, "not the password at all");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return outcome == PasswordSignInOutcome.Refused ? elapsed : throw new InvalidOperationException($"A wrong password for {email} gave {outcome}.");
    }

    /// <summary>The product's Identity set-up for built-in accounts, on SQLite; the throttle out of the way.</summary>
    private static ServiceProvider Services(SqliteConnection connection)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpContextAccessor();
        services.AddDbContext<AccountsDbContext>(db => db.UseSqlite(connection));
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<ApplicationUser>(identity => identity.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        services.AddOptions<SignInThrottleOptions>().Configure(throttle =>
        {
            throttle.FailuresPerAddress = 10_000;
            throttle.FailuresPerAccount = 10_000;
        });
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        return services.BuildServiceProvider();
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}
