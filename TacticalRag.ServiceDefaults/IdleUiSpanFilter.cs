using System.Diagnostics;
using OpenTelemetry;

namespace TacticalRag.ServiceDefaults;

/// <summary>
/// Keeps a Blazor UI span only when it did something: an event (<c>Event onsubmit ...</c>) or a route change
/// (<c>Route / -> ...</c>) that called the API, the database or anything else traced is the root of that work's trace;
/// one that called nothing (a keystroke's <c>oninput</c>, a render's route change) would be a trace of one span per
/// keystroke or page, and is not exported. A failed one is always exported. Runs before the exporter, which skips
/// spans no longer marked recorded.
/// </summary>
public sealed class IdleUiSpanFilter : BaseProcessor<Activity>
{
    public const string ComponentsSource = "Microsoft.AspNetCore.Components";
    private const string DidWork = "tacticalrag.ui.did-work";

    private static readonly HashSet<string> UiOperations =
    [
        "Microsoft.AspNetCore.Components.HandleEvent",
        "Microsoft.AspNetCore.Components.Navigate",
        "Microsoft.AspNetCore.Components.RouteChange",
    ];

    public override void OnStart(Activity data)
    {
        if (data.Parent is { } parent && IsUiSpan(parent))
        {
            parent.SetCustomProperty(DidWork, true);
        }
    }

    public override void OnEnd(Activity data)
    {
        if (IsUiSpan(data) && data.GetCustomProperty(DidWork) is null && data.Status != ActivityStatusCode.Error)
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    private static bool IsUiSpan(Activity activity) =>
        activity.Source.Name == ComponentsSource && UiOperations.Contains(activity.OperationName);
}
