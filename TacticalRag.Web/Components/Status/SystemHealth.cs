using TacticalRag.Web.Api;

namespace TacticalRag.Web.Components.Status;

/// <summary>How healthy the system looks from the front end, in one word for styles and one line for people.</summary>
public sealed record SystemHealth(string Level, string Summary)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Down = "down";

    public static SystemHealth Unreachable { get; } = new(Down, "API unreachable");

    public static SystemHealth From(BackendsStatus status)
    {
        var enabled = status.Backends.Where(b => b.Enabled).ToList();
        var down = enabled
            .Where(b => !b.Healthy && !string.Equals(b.State, "unknown", StringComparison.OrdinalIgnoreCase))
            .Select(b => BackendNames.Display(b.Name))
            .ToList();
        if (status.Backends.Count > 0 && status.Backends.All(BackendState.IsNotConfigured))
        {
            // A deployment without model servers is retrieval-only by design, not in trouble.
            return new(Ok, "No model server configured: answers are retrieval only");
        }
        if (string.IsNullOrEmpty(status.Active))
        {
            return new(Down, "No model server up: answers are retrieval only");
        }
        var answering = $"answering with {BackendNames.Display(status.Active)}";
        return down.Count == 0
            ? new(Ok, $"Model servers up, {answering}")
            : new(Degraded, $"{string.Join(", ", down)} down, {answering}");
    }
}
