namespace TacticalRag.Api.Security;

/// <summary>
/// The three roles, hierarchical: an editor may do all a reader may, an admin everything. The names are the strings
/// the web front end puts in the user token's <c>role</c> claims.
/// </summary>
internal static class Roles
{
    public const string Reader = "reader";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Editor, Admin];

    /// <summary>0 for a string that is no role, so an unknown role grants nothing.</summary>
    public static int Rank(string? role) => role switch
    {
        Reader => 1,
        Editor => 2,
        Admin => 3,
        _ => 0,
    };

    /// <summary>The highest of <paramref name="roles"/>, or null when none is a role.</summary>
    public static string? Highest(IEnumerable<string> roles) =>
        roles.Where(r => Rank(r) > 0).OrderByDescending(Rank).FirstOrDefault();

    public static bool Includes(string? held, string required) => Rank(held) >= Rank(required);
}
