using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Examples;
using TacticalRag.Api.Ingestion;
using TacticalRag.Api.Llm;
using TacticalRag.Api.OpenAi;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Security;
using TacticalRag.Api.Storage;

namespace TacticalRag.ArchitectureTests;

/// <summary>
/// Each feature owns its wiring (R12): its <c>Add…</c> adds registrations and takes none away, registers no other
/// feature's service (it implements the other's port, an interface, or calls the other's own <c>Add…</c>), and the
/// order of Program.cs's <c>Add…</c> calls does not change what the container resolves.
/// </summary>
public sealed class FeatureWiringTests
{
    /// <summary>Program.cs's feature registrations, in its order.</summary>
    private static readonly (string Feature, Action<WebApplicationBuilder> Add)[] Registrations =
    [
        ("Security", builder => builder.AddApiSecurity()),
        ("Llm", builder => builder.AddLlmGateway()),
        ("Storage", builder => builder.AddStorage()),
        ("Embeddings", builder => builder.Services.AddEmbeddings()),
        ("Retrieval", builder => builder.Services.AddRetrieval()),
        ("Reranking", builder => builder.AddReranking()),
        ("Ingestion", builder => builder.Services.AddIngestion()),
        ("Conversations", builder => builder.Services.AddConversations()),
        ("Examples", builder => builder.Services.AddExamples()),
        ("Answering", builder => builder.Services.AddAnswering()),
        ("OpenAi", builder => builder.Services.AddOpenAiCompatibility()),
    ];

    public static TheoryData<string> Features() => [.. Registrations.Select(r => r.Feature)];

    [Fact]
    public void ProgramRegistersEveryFeatureThisTestShuffles()
    {
        var program = RepositoryFiles.Read("TacticalRag.Api/Program.cs");

        Assert.All(
            new[] { "AddApiSecurity", "AddLlmGateway", "AddStorage", "AddEmbeddings", "AddRetrieval", "AddReranking", "AddIngestion", "AddConversations", "AddExamples", "AddAnswering", "AddOpenAiCompatibility" },
            add => Assert.Contains($".{add}();", program));
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void AFeatureTakesNoRegistrationAway(string feature)
    {
        var builder = NewBuilder();
        foreach (var other in Registrations.Where(r => r.Feature != feature))
        {
            other.Add(builder);
        }
        var before = builder.Services.ToList();

        Registrations.Single(r => r.Feature == feature).Add(builder);

        var removed = before.Where(d => !builder.Services.Contains(d)).Select(d => $"{feature} removes or replaces the registration of {d.ServiceType.FullName} ({Identity(d)})").ToList();
        Assert.True(removed.Count == 0, string.Join("\n", removed));
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void AFeatureRegistersNoOtherFeaturesService(string feature)
    {
        var builder = NewBuilder();
        foreach (var other in Registrations.Where(r => r.Feature != feature))
        {
            other.Add(builder);
        }
        var before = builder.Services.ToHashSet();

        Registrations.Single(r => r.Feature == feature).Add(builder);

        var foreign = builder.Services
            .Where(d => !before.Contains(d))
            .Select(d => (Descriptor: d, Owner: FeatureMap.Product.FeatureOf(d.ServiceType.Namespace ?? "")))
            .Where(x => x.Owner is not null && x.Owner != feature && !x.Descriptor.ServiceType.IsInterface && !OwnRegistrationAdds(x.Owner, x.Descriptor.ServiceType))
            .Select(x => $"{feature} registers {x.Owner}'s {x.Descriptor.ServiceType.FullName}: let {x.Owner} register it, or register an implementation of a port {x.Owner} owns")
            .ToList();
        Assert.True(foreign.Count == 0, string.Join("\n", foreign));
    }

    [Fact]
    public void TheOrderOfTheFeatureRegistrationsDoesNotMatter()
    {
        var inProgramOrder = Resolution(Registrations);
        var orders = new[]
        {
            Registrations.Reverse().ToArray(),
            Registrations.OrderBy(r => r.Feature, StringComparer.Ordinal).ToArray(),
            Registrations.Skip(5).Concat(Registrations.Take(5)).ToArray(),
        };

        foreach (var order in orders)
        {
            var other = Resolution(order);
            var differences = inProgramOrder.Keys.Union(other.Keys)
                .Where(service => inProgramOrder.GetValueOrDefault(service) != other.GetValueOrDefault(service))
                .Select(service => $"{service}: {inProgramOrder.GetValueOrDefault(service) ?? "(none)"} in Program's order, {other.GetValueOrDefault(service) ?? "(none)"} in the order {string.Join(", ", order.Select(r => r.Feature))}")
                .ToList();
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
    }

    /// <summary>Per service (and key), what the container resolves for it alone (the last registration) and the set of all.</summary>
    private static Dictionary<string, string> Resolution(IEnumerable<(string Feature, Action<WebApplicationBuilder> Add)> order)
    {
        var builder = NewBuilder();
        foreach (var registration in order)
        {
            registration.Add(builder);
        }
        return builder.Services
            .GroupBy(d => $"{d.ServiceType.FullName}{(d.IsKeyedService ? $" [{d.ServiceKey}]" : "")}")
            .ToDictionary(
                g => g.Key,
                g => $"{(IsResolvedAsAll(g.First().ServiceType) ? "" : Identity(g.Last()))} (all: {string.Join(", ", g.Select(Identity).Order(StringComparer.Ordinal))})");
    }

    /// <summary>
    /// Services the host only ever resolves all of (hosted services, options configuration): for them the set counts,
    /// not which came last.
    /// </summary>
    private static bool IsResolvedAsAll(Type service) =>
        service == typeof(Microsoft.Extensions.Hosting.IHostedService)
        || service.IsGenericType && service.GetGenericTypeDefinition().Namespace == typeof(Microsoft.Extensions.Options.IConfigureOptions<>).Namespace;

    /// <summary>Whether a feature's own registration (its <c>Add…(IServiceCollection)</c> methods) registers the service.</summary>
    private static bool OwnRegistrationAdds(string owner, Type service)
    {
        var ownAdds = ProductArchitecture.Api.GetTypes()
            .Where(t => t.IsPublic && t.IsAbstract && t.IsSealed && FeatureMap.Product.FeatureOf(t.Namespace ?? "") == owner)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name.StartsWith("Add", StringComparison.Ordinal) && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(IServiceCollection));
        foreach (var add in ownAdds)
        {
            var services = new ServiceCollection();
            add.Invoke(null, [services]);
            if (services.Any(d => d.ServiceType == service))
            {
                return true;
            }
        }
        return false;
    }

    private static string Identity(ServiceDescriptor d) =>
        (d.IsKeyedService
            ? d.KeyedImplementationType?.FullName ?? d.KeyedImplementationInstance?.GetType().FullName ?? Method(d.KeyedImplementationFactory?.Method)
            : d.ImplementationType?.FullName ?? d.ImplementationInstance?.GetType().FullName ?? Method(d.ImplementationFactory?.Method))
        + $" {d.Lifetime}";

    private static string Method(MethodInfo? method) => method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";

    /// <summary>A builder with the configuration of a plain start (folder store, no Redis, no model server reached).</summary>
    private static WebApplicationBuilder NewBuilder() => WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
}
