using Aspire.Hosting.ApplicationModel;
using TacticalRag.Conventions;

namespace TacticalRag.AppHost.Gpu;

/// <summary>Reads an on/off parameter as <see cref="OnOffSwitch"/> spells it.</summary>
public static class SwitchParameter
{
    public static async ValueTask<bool> IsOnAsync(this ParameterResource parameter, CancellationToken cancellationToken)
    {
        var value = await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
        return OnOffSwitch.Parse(value) ?? throw new DistributedApplicationException(
            $"Parameter '{parameter.Name}' must be on or off ({OnOffSwitch.Spellings}), not '{value}'.");
    }
}
