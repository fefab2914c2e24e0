using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Tests;

/// <summary>How the API and the front end are wired to what they depend on.</summary>
public sealed class ApiWiringTests
{
    [Fact]
    public async Task GivesTheApiTheCacheConnectionAndServiceDiscoveryForBothModelServers()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var environment = await model.EnvironmentAsync("api");

        Assert.Equal("{cache.connectionString}", environment["ConnectionStrings__cache"]);
        Assert.Equal("{vllm.bindings.http.url}", environment["services__vllm__http__0"]);
        Assert.Equal("{ollama.bindings.http.url}", environment["services__ollama__http__0"]);
    }

    [Fact]
    public async Task PassesTheModelChoicesToTheApiFromParameters()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var environment = await model.EnvironmentAsync("api");

        Assert.Equal("true", environment["USE_VLLM"]);
        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct", environment["VLLM_MODEL"]);
        Assert.Equal("llama3.1:8b", environment["OLLAMA_MODEL"]);
    }

    [Fact]
    public async Task GivesTheApiAndTheWebFrontEndTheSameGeneratedSecretApiKey()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var key = Assert.IsType<ParameterResource>(model.Resource("api-key"));

        var apiSide = (await model.EnvironmentAsync("api"))["Security__ApiKey"];
        var webSide = (await model.EnvironmentAsync("web"))["Api__Key"];

        Assert.True(key.Secret);
        Assert.True(apiSide.Length >= 32, $"a generated key of at least 32 characters, got {apiSide.Length}");
        Assert.Equal(apiSide, webSide);
    }

    [Fact]
    public async Task GivesTheApiAndTheWebFrontEndTheSameGeneratedSecretUserTokenKey()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var key = Assert.IsType<ParameterResource>(model.Resource("user-token-key"));
        var apiSide = (await model.EnvironmentAsync("api"))["Security__UserTokens__SigningKey"];
        var webSide = (await model.EnvironmentAsync("web"))["Api__UserTokenSigningKey"];

        Assert.True(key.Secret);
        Assert.True(apiSide.Length >= 48, $"a generated key of at least 48 characters, got {apiSide.Length}");
        Assert.Equal(apiSide, webSide);
    }

    [Fact]
    public async Task GivesTheWebItsAccountsDatabaseAndTheFirstAdministrator()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var environment = await model.EnvironmentAsync("web");

        Assert.Equal("{identity.connectionString}", environment["ConnectionStrings__identity"]);
        Assert.Equal("admin@localhost", environment["Accounts__Admin__Email"]);
        Assert.True(Assert.IsType<ParameterResource>(model.Resource("admin-password")).Secret);
        Assert.True(environment["Accounts__Admin__Password"].Length >= 20);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Authentication__Oidc__", StringComparison.Ordinal));
        Assert.Contains(model.Resource("postgres").Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume);
    }

    [Fact]
    public async Task PassesTheOpenIdConnectSettingsToTheWebWhenAnAuthorityIsSet()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers,
            "--Parameters:oidc-authority=https://login.example/realms/tactical", "--Parameters:oidc-client-id=tacticalrag",
            "--Parameters:oidc-client-secret=s3cret", "--Parameters:oidc-role-claim=groups");

        var environment = await model.EnvironmentAsync("web");

        Assert.Equal("https://login.example/realms/tactical", environment["Authentication__Oidc__Authority"]);
        Assert.Equal("tacticalrag", environment["Authentication__Oidc__ClientId"]);
        Assert.Equal("s3cret", environment["Authentication__Oidc__ClientSecret"]);
        Assert.Equal("groups", environment["Authentication__Oidc__RoleClaim"]);
        Assert.True(Assert.IsType<ParameterResource>(model.Resource("oidc-client-secret")).Secret);
    }

    [Fact]
    public async Task TellsTheApiNotToUseVllmWhenUseVllmIsFalse()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:use-vllm=false");

        Assert.Equal("false", (await model.EnvironmentAsync("api"))["USE_VLLM"]);
    }

    [Fact]
    public async Task StartsTheApiAfterTheCacheOnlySoItServesWhileVllmLoads()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.Equal(["cache"], WaitsFor(model.Resource("api")));
    }

    [Fact]
    public async Task StartsTheWebFrontEndAfterTheApiAndItsAccountsDatabase()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.Equal(["api", "identity", "postgres"], WaitsFor(model.Resource("web")));
        Assert.Equal("{api.bindings.http.url}", (await model.EnvironmentAsync("web"))["services__api__http__0"]);
    }

    [Fact]
    public async Task ChecksTheHealthOfTheApiAndTheWebFrontEnd()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.NotEmpty(model.Resource("api").Annotations.OfType<HealthCheckAnnotation>());
        Assert.NotEmpty(model.Resource("web").Annotations.OfType<HealthCheckAnnotation>());
    }

    [Fact]
    public async Task ExposesOnlyTheWebFrontEndOutsideTheMachine()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var external = model.Resources
            .Where(resource => resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal))
            .Select(resource => resource.Name);

        Assert.Equal(["web"], external);
    }

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Order();
}
