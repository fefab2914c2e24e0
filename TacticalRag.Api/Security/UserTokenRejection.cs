using Microsoft.IdentityModel.Tokens;

namespace TacticalRag.Api.Security;

/// <summary>401 for a user token that was refused, saying why (expired, wrong signature, audience, ...).</summary>
internal static class UserTokenRejection
{
    public static async Task WriteAsync(HttpContext context, Exception? failure, UserTokenOptions tokens)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await RefusalWriter.WriteAsync(context,
            new Refusal(StatusCodes.Status401Unauthorized, "User token refused.", Describe(failure, tokens), "invalid_user_token"));
    }

    /// <summary>Own words rather than the library's messages, which hide their particulars as PII.</summary>
    internal static string Describe(Exception? failure, UserTokenOptions tokens) => failure switch
    {
        null => "Send the user token as Authorization: Bearer <token>.",
        SecurityTokenExpiredException expired => $"The user token expired at {expired.Expires:u}.",
        SecurityTokenNotYetValidException => "The user token is not valid yet (its nbf is in the future).",
        SecurityTokenNoExpirationException => "The user token has no expiry (exp).",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "The user token's signature is not valid: it was not signed with the key shared with the web front end.",
        SecurityTokenInvalidAudienceException audience => audience.InvalidAudience is { Length: > 0 } named
            ? $"The user token's audience '{named}' is not '{tokens.Audience}'."
            : $"The user token's audience is not '{tokens.Audience}'.",
        SecurityTokenInvalidIssuerException issuer => $"The user token's issuer '{issuer.InvalidIssuer}' is not '{tokens.Issuer}'.",
        SecurityTokenInvalidAlgorithmException => "The user token is not signed with HS256.",
        SecurityTokenMalformedException or ArgumentException => "The user token is not a well-formed JWT.",
        SecurityTokenException => "The user token is not valid.",
        _ => failure.Message,
    };
}
