using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Gpu;

/// <summary>Reads an on/off parameter the way people write it: true/false, on/off, yes/no, 1/0.</summary>
public static class SwitchParameter
{
    public static async ValueTask<bool> IsOnAsync(this ParameterResource parameter, CancellationToken cancellationToken)
    {
        var value = await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
        return Parse(value) ?? throw new DistributedApplicationException(
            $"Parameter '{parameter.Name}' must be on or off (true/false, on/off, yes/no, 1/0), not '{value}'.");
    }

    public static bool? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "yes" or "1" => true,
        "false" or "off" or "no" or "0" => false,
        _ => null,
    };
}
