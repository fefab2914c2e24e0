using System.Net;
using System.Text.RegularExpressions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// The sign-in and sign-out forms posted over plain HTTP, as a script (or an attacker) would post them: the page's
/// antiforgery token and the form's fields, cookies kept, redirects not followed so each answer can be read.
/// </summary>
internal sealed partial class FormSignIn : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    public FormSignIn(Uri webAddress) => Client = new HttpClient(_handler) { BaseAddress = webAddress, Timeout = Waits.Ui };

    public HttpClient Client { get; }

    public CookieCollection Cookies => _handler.CookieContainer.GetAllCookies();

    /// <summary>Posts the sign-in form of <paramref name="path"/> (which may carry a ReturnUrl) with the page's own token.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(string email, string password, string path = "/account/sign-in")
    {
        var page = await Client.GetStringAsync(path);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = TokenIn(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await Client.PostAsync(path, form);
    }

    /// <summary>The text of the sign-in page's error notice.</summary>
    public static string ErrorIn(string page) => WebUtility.HtmlDecode(ErrorNotice().Match(page).Groups[1].Value.Trim());

    public static string TokenIn(string page) => Token().Match(page) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page holds no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-testid=\"sign-in-error\"[^>]*>([^<]*)<")]
    private static partial Regex ErrorNotice();

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
