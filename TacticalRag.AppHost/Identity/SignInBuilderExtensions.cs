using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Identity;

/// <summary>
/// Sign-in for the web front end: built-in accounts in the <c>identity</c> PostgreSQL database (the first admin from
/// parameters), or the organisation's OpenID Connect provider; and the key that signs the user tokens the web
/// mints for the API.
/// </summary>
public static class SignInBuilderExtensions
{
    public const string DatabaseName = "identity";

    /// <summary>
    /// The shared secret that signs the web's user tokens (HS256, so at least 32 bytes), generated unless configured
    /// (<c>Parameters:user-token-key</c>), never in source or manifest.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddUserTokenKey(this IDistributedApplicationBuilder builder) =>
        builder.AddGeneratedSecret("user-token-key", minLength: 48);

    /// <summary>
    /// The accounts database: a PostgreSQL container with a data volume, else the local <c>postgres</c> server
    /// (Debian's <c>postgresql</c> package), else left out (the web then needs an OpenID Connect provider).
    /// </summary>
    public static ServiceDependency? AddIdentityDatabase(this TopologyPlan topology, IDistributedApplicationBuilder builder) =>
        topology.AddConnectionStringResource("PostgreSQL", "postgres",
            inContainer: () => builder.AddPostgres("postgres").WithDataVolume().AddDatabase(DatabaseName),
            asExecutable: () => builder.AddPostgresServer("postgres", DatabaseName),
            locate: PostgresInstallation.FindServer);

    /// <summary>
    /// Gives the web its accounts database (waiting for it), the first administrator (<c>admin-email</c>, default
    /// <c>admin@localhost</c>; <c>admin-password</c>, secret, generated unless set), the user-token key, and the
    /// OpenID Connect settings when <c>oidc-authority</c> is set.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignIn(
        this IResourceBuilder<ProjectResource> web, ServiceDependency? identity, IResourceBuilder<ParameterResource> userTokenKey)
    {
        var builder = web.ApplicationBuilder;
        var adminEmail = builder.AddParameterWithDefault("admin-email", "admin@localhost");
        // Long and without specials, so it is easy to copy from the dashboard; the web's rules ask for 12 characters.
        var adminPassword = builder.AddGeneratedSecret("admin-password", minLength: 20);
        web.WithReference(identity);
        if (identity?.Resource is PostgresProcessDatabaseResource local)
        {
            // Nothing runs for the local database itself: its server being healthy is what counts.
            web.WaitFor(builder.CreateResourceBuilder(local.Parent));
        }
        else
        {
            web.WaitFor(identity);
        }
        web.WithEnvironment("Accounts__Admin__Email", adminEmail)
            .WithEnvironment("Accounts__Admin__Password", adminPassword)
            .WithEnvironment("Api__UserTokenSigningKey", userTokenKey);

        if (builder.AddOptionalParameter("oidc-authority") is { } authority)
        {
            web.WithEnvironment("Authentication__Oidc__Authority", authority);
            if (builder.AddOptionalParameter("oidc-client-id") is { } clientId)
            {
                web.WithEnvironment("Authentication__Oidc__ClientId", clientId);
            }
            if (builder.AddOptionalSecretParameter("oidc-client-secret") is { } clientSecret)
            {
                web.WithEnvironment("Authentication__Oidc__ClientSecret", clientSecret);
            }
            if (builder.AddOptionalParameter("oidc-role-claim") is { } roleClaim)
            {
                web.WithEnvironment("Authentication__Oidc__RoleClaim", roleClaim);
            }
        }
        return web;
    }

    private static IResourceBuilder<ParameterResource>? AddOptionalParameter(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{name}"]) ? null : builder.AddParameter(name);
}
