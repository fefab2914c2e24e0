using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Topology;

/// <summary>
/// Something a project depends on, however this run provides it: a container, a local executable or an
/// external URL. A dependency that was left out is <c>null</c>, and referencing it adds nothing, so a project
/// never points at a resource that does not exist (it would wait for it forever).
/// </summary>
public sealed class ServiceDependency
{
    private readonly Func<IResourceBuilder<IResourceWithEnvironment>, IResourceBuilder<IResourceWithEnvironment>> _addReference;

    private ServiceDependency(
        IResourceBuilder<IResource> resource,
        Func<IResourceBuilder<IResourceWithEnvironment>, IResourceBuilder<IResourceWithEnvironment>> addReference)
    {
        Builder = resource;
        _addReference = addReference;
    }

    public IResourceBuilder<IResource> Builder { get; }

    public IResource Resource => Builder.Resource;

    public static ServiceDependency ConnectionString(IResourceBuilder<IResourceWithConnectionString> resource) =>
        new(resource, consumer => consumer.WithReference(resource));

    public static ServiceDependency ServiceDiscovery(IResourceBuilder<IResourceWithServiceDiscovery> resource) =>
        new(resource, consumer => consumer.WithReference(resource));

    public static ServiceDependency External(IResourceBuilder<ExternalServiceResource> resource) =>
        new(resource, consumer => consumer.WithReference(resource));

    internal void AddReferenceTo(IResourceBuilder<IResourceWithEnvironment> consumer) => _addReference(consumer);
}

public static class ServiceDependencyExtensions
{
    /// <summary>Injects the dependency's connection string or service-discovery address; nothing when it was left out.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, ServiceDependency? dependency)
        where T : IResourceWithEnvironment
    {
        dependency?.AddReferenceTo((IResourceBuilder<IResourceWithEnvironment>)builder);
        return builder;
    }

    /// <summary>Delays the start until the dependency is healthy; nothing when it was left out.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, ServiceDependency? dependency)
        where T : IResourceWithWaitSupport =>
        dependency is null ? builder : builder.WaitFor(dependency.Builder);
}
