using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TacticalRag.Web.Circuits;

/// <summary>
/// The services of the Blazor circuit whose work is running now. HttpClient message handlers live in a DI scope of
/// their own, not the circuit's, so this is how a handler reaches the circuit's signed-in user (the pattern the
/// ASP.NET Core docs give for "access server-side Blazor services from a different DI scope").
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> s_services = new();

    public IServiceProvider? Services
    {
        get => s_services.Value;
        set => s_services.Value = value;
    }
}

/// <summary>Sets <see cref="CircuitServicesAccessor.Services"/> around everything the circuit does for its browser.</summary>
public sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
