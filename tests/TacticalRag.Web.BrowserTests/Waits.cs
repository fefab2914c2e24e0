namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// How long the tests wait for what a user would wait for. Generous, because a loaded 2-core CI machine runs the
/// graph, Chromium and the embedding model at once; a wait ends as soon as its condition holds, so they cost nothing
/// when things are fast.
/// </summary>
internal static class Waits
{
    /// <summary>Simulators, Redis, API and web started and healthy.</summary>
    public static readonly TimeSpan GraphStart = TimeSpan.FromSeconds(150);

    /// <summary>One action or expectation on the page (a click, a page becoming interactive, an element appearing).</summary>
    public static readonly TimeSpan Ui = TimeSpan.FromSeconds(30);

    /// <summary>A document embedded in the background until it is ready to be searched.</summary>
    public static readonly TimeSpan Indexing = TimeSpan.FromSeconds(90);

    /// <summary>An answer streamed to the end, or the status page catching up with a backend's health.</summary>
    public static readonly TimeSpan Answer = TimeSpan.FromSeconds(60);

    public static float Ms(TimeSpan wait) => (float)wait.TotalMilliseconds;
}
