using System.Net;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// Sign-in as an attacker tries it, over plain HTTP against the running graph (real PostgreSQL accounts): the answer
/// never tells which accounts exist, failures are throttled rather than locking anyone out, sign-out needs the page's
/// antiforgery token, and any ReturnUrl is safe.
/// </summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class SignInHardeningTests(BrowserGraph graph)
{
    [Fact]
    public async Task AnUnknownEmailAndAWrongPasswordGetTheSameAnswer()
    {
        using var visitor = new FormSignIn(graph.WebAddress);

        using var unknown = await visitor.PostSignInAsync("nobody-here@tests.example", "some password 123");
        using var wrong = await visitor.PostSignInAsync(TestUsers.Editor.Email, "some password 123");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownError = FormSignIn.ErrorIn(await unknown.Content.ReadAsStringAsync());
        Assert.Equal("The email or password is not right.", unknownError);
        Assert.Equal(unknownError, FormSignIn.ErrorIn(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task RepeatedFailuresAreThrottledWith429AndTheOwnerCanStillSignInAfterwards()
    {
        using var attacker = new FormSignIn(graph.WebAddress);
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 40 && throttled is null; i++)
        {
            var response = await attacker.PostSignInAsync(TestUsers.SecondReader.Email, $"guess number {i}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throttled = response;
            else response.Dispose();
        }

        Assert.NotNull(throttled);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        Assert.StartsWith("Too many failed attempts.", FormSignIn.ErrorIn(await throttled.Content.ReadAsStringAsync()));
        throttled.Dispose();

        // No lock-out: once the throttle's short wait (Accounts:SignInThrottle:AccountRefill) has passed, the right password works.
        using var owner = new FormSignIn(graph.WebAddress);
        using var timeout = new CancellationTokenSource(Waits.Ui);
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
            using var response = await owner.PostSignInAsync(TestUsers.SecondReader.Email, TestUsers.SecondReader.Password);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task SignOutWithoutThePagesAntiforgeryTokenIsRefusedAndTheSessionStays()
    {
        using var user = new FormSignIn(graph.WebAddress);
        using var signedIn = await user.PostSignInAsync(TestUsers.Reader.Email, TestUsers.Reader.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var forged = await user.Client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));
        using var stillIn = await user.Client.GetAsync("/library");
        var token = FormSignIn.TokenIn(await stillIn.Content.ReadAsStringAsync());
        using var real = await user.Client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var afterwards = await user.Client.GetAsync("/library");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("/account/sign-in", afterwards.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ANonAsciiReturnUrlRedirectsThereEncodedInsteadOfFailing()
    {
        using var user = new FormSignIn(graph.WebAddress);

        using var response = await user.PostSignInAsync(TestUsers.Reader.Email, TestUsers.Reader.Password, "/account/sign-in?ReturnUrl=%2F%E3%80%80%2Fx");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        var location = new Uri(graph.WebAddress, response.Headers.Location!);
        Assert.Equal(graph.WebAddress.Authority, location.Authority);
        Assert.Equal("/%E3%80%80/x", location.PathAndQuery);
    }
}
