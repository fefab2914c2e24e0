using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Topology;

public static class ProjectEndpointExtensions
{
    /// <summary>
    /// Gives the project an <c>http</c> endpoint on a free port unless its launch profile already declared one,
    /// so the topology does not depend on a <c>launchSettings.json</c> being present.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpointWhenMissing(this IResourceBuilder<ProjectResource> builder)
    {
        var hasHttp = builder.Resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.UriScheme == "http");
        return hasHttp ? builder : builder.WithHttpEndpoint();
    }
}
