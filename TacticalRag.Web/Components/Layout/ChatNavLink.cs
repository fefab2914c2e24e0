using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace TacticalRag.Web.Components.Layout;

/// <summary>The "Chat" link, marked current on the start page and on every conversation's own address.</summary>
public sealed class ChatNavLink : NavLink
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override bool ShouldMatch(string uriAbsolute)
    {
        var path = Navigation.ToBaseRelativePath(uriAbsolute);
        var end = path.IndexOfAny(['?', '#']);
        path = end < 0 ? path : path[..end];
        return path.Length == 0 || path.StartsWith("conversations/", StringComparison.OrdinalIgnoreCase);
    }
}
