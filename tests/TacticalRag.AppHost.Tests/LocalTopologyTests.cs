using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Identity;
using TacticalRag.AppHost.Redis;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// The topology without a container runtime: local executables where they are installed, configured URLs in
/// place of model servers, and nothing that points at a resource that was left out.
/// </summary>
public sealed class LocalTopologyTests
{
    [Fact]
    public async Task RunsRedisAsALocalRedisServerOnTheAllocatedPortWithAnAppendOnlyFileInADataFolderThatOutlivesTheAppHost()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra);

        var cache = model.Resource<RedisServerResource>("cache");
        var dataFolder = Path.Combine(Path.GetDirectoryName(cache.WorkingDirectory + Path.DirectorySeparatorChar)!, ".data", "redis");

        Assert.Equal("redis-server", cache.Command);
        Assert.Equal(
            ["--port", "{cache.bindings.tcp.targetPort}", "--bind", "127.0.0.1", "--save", "", "--dir", dataFolder,
             "--appendonly", "yes", "--appendfsync", "everysec"],
            await model.ArgumentsAsync("cache"));
        Assert.Equal("{cache.bindings.tcp.host}:{cache.bindings.tcp.port}", cache.ConnectionStringExpression.ValueExpression);
        Assert.Equal("{cache.connectionString}", (await model.EnvironmentAsync("api"))["ConnectionStrings__cache"]);
    }

    [Fact]
    public async Task RunsPostgresAsTheLocalServerOnLoopbackWithAClusterThatOutlivesTheAppHost()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra);

        var postgres = model.Resource<PostgresProcessResource>("postgres");
        var args = (await model.ArgumentsAsync("postgres")).ToList();
        var dataFolder = Path.Combine(Path.GetDirectoryName(postgres.WorkingDirectory + Path.DirectorySeparatorChar)!, ".data", "postgres");

        var server = PostgresInstallation.FindServer();
        Assert.NotNull(server);
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses root: the process drops to the postgres user first.
            Assert.Equal("setpriv", postgres.Command);
            Assert.Equal(["--reuid", "postgres", "--regid", "postgres", "--init-groups", "--", server], args.Take(7));
        }
        else
        {
            Assert.Equal(server, postgres.Command);
        }
        Assert.Equal(["-D", dataFolder, "-p", "{postgres.bindings.tcp.targetPort}", "-h", "127.0.0.1", "-k", ""], args.TakeLast(8));
        Assert.Equal("{identity.connectionString}", (await model.EnvironmentAsync("web"))["ConnectionStrings__identity"]);
        Assert.Equal(["api", "postgres"], model.Resource("web").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Order());
    }

    [Fact]
    public async Task TakesThePostgresDataFolderFromConfigurationAndMakesNothingWhileModelling()
    {
        using var data = new TemporaryPostgresData();
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra, data.Argument);

        var args = (await model.ArgumentsAsync("postgres")).ToList();

        Assert.Equal(data.Folder, args[args.IndexOf("-D") + 1]);
        Assert.False(Directory.Exists(data.Folder), "modelling the app must not create the cluster");
    }

    [Fact]
    public async Task TakesTheRedisDataFolderAndFsyncPolicyFromConfiguration()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trag-redis-config-test");
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra,
            $"--TacticalRag:Redis:DataPath={folder}", "--TacticalRag:Redis:AppendFsync=always");

        var args = (await model.ArgumentsAsync("cache")).ToList();

        Assert.Equal(folder, args[args.IndexOf("--dir") + 1]);
        Assert.Equal("always", args[args.IndexOf("--appendfsync") + 1]);
        Assert.False(Directory.Exists(folder), "modelling the app must not create the data folder");
    }

    [Fact]
    public async Task StopsWithTheSettingsNameWhenTheFsyncPolicyIsNotOneRedisTakes()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.CreateAsync(AppHostModel.LocalInfra, "--TacticalRag:Redis:AppendFsync=sometimes"));

        Assert.Contains("TacticalRag:Redis:AppendFsync", failure.ToString());
    }

    [Fact]
    public async Task LeavesOutModelServersThatAreNotInstalledAndNeverPointsTheApiAtThem()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra);
        var environment = await model.EnvironmentAsync("api");

        foreach (var server in new[] { "vllm", "ollama" })
        {
            var installed = ExecutableLocator.FindOnPath(server) is not null;
            Assert.Equal(installed, model.Has(server));
            Assert.Equal(installed, environment.ContainsKey($"services__{server}__http__0"));
        }
        Assert.Equal(["cache"], model.Resource("api").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name));
    }

    [Fact]
    public async Task RunsInstalledModelServersAsLocalExecutablesOnAllocatedPorts()
    {
        using var installed = PathInstallation.Empty("vllm", "ollama");
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra);

        Assert.Equal("vllm", model.Resource<ExecutableResource>("vllm").Command);
        Assert.Equal(
            ["serve", "meta-llama/Meta-Llama-3.1-8B-Instruct", "--host", "127.0.0.1", "--port", "{vllm.bindings.http.targetPort}",
             "--gpu-memory-utilization", "0.90", "--dtype", "float16", "--max-model-len", "8192"],
            await model.ArgumentsAsync("vllm"));

        Assert.Equal("ollama", model.Resource<ExecutableResource>("ollama").Command);
        Assert.Equal(["serve"], await model.ArgumentsAsync("ollama"));
        Assert.Equal("127.0.0.1:{ollama.bindings.http.targetPort}", (await model.EnvironmentAsync("ollama"))["OLLAMA_HOST"]);

        var environment = await model.EnvironmentAsync("api");
        Assert.Equal("{vllm.bindings.http.url}", environment["services__vllm__http__0"]);
        Assert.Equal("{ollama.bindings.http.url}", environment["services__ollama__http__0"]);
    }

    [Fact]
    public async Task UsesConfiguredModelServerUrlsAsExternalServices()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra,
            "--TacticalRag:Endpoints:Vllm=http://gpu-box:8000/", "--TacticalRag:Endpoints:Ollama=http://127.0.0.1:11434/");

        Assert.Equal(new Uri("http://gpu-box:8000/"), model.Resource<ExternalServiceResource>("vllm").Uri);
        Assert.Equal(new Uri("http://127.0.0.1:11434/"), model.Resource<ExternalServiceResource>("ollama").Uri);

        var environment = await model.EnvironmentAsync("api");
        Assert.Equal("http://gpu-box:8000/", environment["services__vllm__http__0"]);
        Assert.Equal("http://127.0.0.1:11434/", environment["services__ollama__http__0"]);
    }

    [Fact]
    public async Task UsesAConfiguredVllmUrlInsteadOfTheContainer()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--TacticalRag:Endpoints:Vllm=http://gpu-box:8000/");

        Assert.IsType<ExternalServiceResource>(model.Resource("vllm"));
        Assert.IsType<TacticalRag.AppHost.Ollama.OllamaResource>(model.Resource("ollama"));
    }
}
