using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// The AppHost's resource model as its Program.cs declares it for the given arguments, never built nor started
/// (building would let the AppHost's own <c>Run()</c> go ahead), with helpers that run the resources' callbacks
/// the way the orchestrator would and render what they produce.
/// </summary>
internal sealed class AppHostModel : IAsyncDisposable
{
    public const string Containers = "--TacticalRag:LocalInfra=false";
    public const string LocalInfra = "--TacticalRag:LocalInfra=true";

    private readonly IDistributedApplicationTestingBuilder _builder;

    private AppHostModel(IDistributedApplicationTestingBuilder builder) => _builder = builder;

    public static async Task<AppHostModel> CreateAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return new AppHostModel(await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(args, timeout.Token));
    }

    public IReadOnlyList<IResource> Resources => _builder.Resources.ToList();

    public bool Has(string name) => Resources.Any(resource => resource.Name == name);

    public IResource Resource(string name) => Resources.Single(resource => resource.Name == name);

    public T Resource<T>(string name) where T : IResource => Assert.IsType<T>(Resource(name), exactMatch: false);

    /// <summary>The environment a resource would get, values rendered as text (references as manifest expressions).</summary>
    public async Task<Dictionary<string, string>> EnvironmentAsync(string name)
    {
        var resource = Resource<IResourceWithEnvironment>(name);
        var context = new EnvironmentCallbackContext(ExecutionContext, resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        var rendered = new Dictionary<string, string>();
        foreach (var (key, value) in context.EnvironmentVariables)
        {
            rendered[key] = await RenderAsync(value);
        }
        return rendered;
    }

    public async Task<IReadOnlyList<string>> ArgumentsAsync(string name)
    {
        var resource = Resource<IResourceWithArgs>(name);
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, resource);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return await RenderAllAsync(args);
    }

    /// <summary>What would be added to <c>docker run</c> / <c>podman run</c> for this container.</summary>
    public async Task<IReadOnlyList<string>> ContainerRuntimeArgumentsAsync(string name)
    {
        var resource = Resource<ContainerResource>(name);
        var args = new List<object>();
        var context = new ContainerRuntimeArgsCallbackContext(args);
        foreach (var callback in resource.Annotations.OfType<ContainerRuntimeArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return await RenderAllAsync(args);
    }

    public ValueTask DisposeAsync() => _builder.DisposeAsync();

    private DistributedApplicationExecutionContext ExecutionContext => _builder.ExecutionContext;

    private static async Task<IReadOnlyList<string>> RenderAllAsync(IEnumerable<object> values)
    {
        var rendered = new List<string>();
        foreach (var value in values)
        {
            rendered.Add(await RenderAsync(value));
        }
        return rendered;
    }

    private static async Task<string> RenderAsync(object value) => value switch
    {
        string text => text,
        ParameterResource parameter => await parameter.GetValueAsync(CancellationToken.None) ?? "",
        IManifestExpressionProvider expression => expression.ValueExpression,
        _ => value.ToString() ?? "",
    };
}
