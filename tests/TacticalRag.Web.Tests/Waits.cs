namespace TacticalRag.Web.Tests;

/// <summary>How long a test waits for something it expects; it never sleeps.</summary>
internal static class Waits
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);
}
