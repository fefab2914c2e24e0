using System.Security.Claims;

namespace TacticalRag.Web.Accounts;

/// <summary>
/// The three roles, from least to most: a reader asks and sees the library, an editor also uploads and deletes
/// documents, an admin also sees the model servers' endpoints and errors and manages users. The API knows the same names.
/// </summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>For <c>[Authorize(Roles = ...)]</c> and <c>AuthorizeView Roles</c>: editors and those above.</summary>
    public const string EditorOrAdmin = Editor + "," + Admin;

    /// <summary>For <c>[Authorize(Roles = ...)]</c>: anyone with a role at all.</summary>
    public const string Any = Reader + "," + Editor + "," + Admin;

    public static IReadOnlyList<string> All { get; } = [Reader, Editor, Admin];

    /// <summary>Whether <paramref name="user"/> may change the library (upload, delete).</summary>
    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Editor) || user.IsInRole(Admin);

    /// <summary>The role as the API expects it (lower case), or null for a name that is not one of ours.</summary>
    public static string? Normalize(string? name) =>
        All.FirstOrDefault(role => string.Equals(role, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
