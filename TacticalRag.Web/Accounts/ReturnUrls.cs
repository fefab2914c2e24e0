namespace TacticalRag.Web.Accounts;

/// <summary>
/// Where to go after signing in: only a path on this site, so a crafted link cannot send a signed-in user elsewhere,
/// and percent-encoded, so any characters in it (non-ASCII, control characters) make a valid <c>Location</c> header.
/// </summary>
public static class ReturnUrls
{
    private static readonly Uri ThisSite = new("https://this-site.invalid/");

    public static string Local(string? url)
    {
        if (url is not { Length: > 0 } || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
            || !Uri.TryCreate(ThisSite, url, out var resolved) || resolved.Authority != ThisSite.Authority || resolved.Scheme != ThisSite.Scheme)
        {
            return "/";
        }
        return resolved.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
    }
}
