using TacticalRag.Web.Api;

namespace TacticalRag.Web.Components.Status;

/// <summary>Reading a backend's <see cref="BackendStatus.State"/> the same way on every view.</summary>
public static class BackendState
{
    /// <summary>The API's state for a model server this deployment does not have (left out by the AppHost).</summary>
    public const string NotConfigured = "not_configured";

    public static bool IsNotConfigured(BackendStatus backend) =>
        string.Equals(backend.State, NotConfigured, StringComparison.OrdinalIgnoreCase);
}
