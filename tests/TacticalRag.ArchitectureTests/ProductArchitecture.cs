using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace TacticalRag.ArchitectureTests;

/// <summary>The product's assemblies as ArchUnitNET reads them (bytecode, so dependencies inside method bodies count), loaded once.</summary>
public static class ProductArchitecture
{
    public const string ApiNamespace = "TacticalRag.Api";

    public static System.Reflection.Assembly Api { get; } = typeof(TacticalRag.Api.Common.JsonBody).Assembly;
    public static System.Reflection.Assembly ServiceDefaults { get; } = typeof(TacticalRag.ServiceDefaults.TacticalRagTelemetry).Assembly;
    public static System.Reflection.Assembly AppHost { get; } = typeof(TacticalRag.AppHost.ParameterExtensions).Assembly;
    public static System.Reflection.Assembly Web { get; } = typeof(TacticalRag.Web.Api.ApiException).Assembly;

    public static IReadOnlyList<System.Reflection.Assembly> All { get; } = [Api, ServiceDefaults, AppHost, Web];

    public static Architecture Architecture { get; } = new ArchLoader().LoadAssemblies([.. All]).Build();
}
