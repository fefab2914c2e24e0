namespace TacticalRag.Web.BrowserTests;

/// <summary>A built-in account the tests sign in with.</summary>
public sealed record TestUser(string Email, string Password, string Role);

/// <summary>
/// The accounts of the browser tests: the first administrator comes from the AppHost's parameters; the others are
/// added by that administrator on the Users page when the graph starts, as a real admin would.
/// </summary>
public static class TestUsers
{
    public static readonly TestUser Admin = new("admin@localhost", "admin password for tests", "admin");
    public static readonly TestUser Editor = new("editor@tests.example", "editor password 1", "editor");
    public static readonly TestUser Reader = new("reader@tests.example", "reader password 1", "reader");
    public static readonly TestUser SecondReader = new("reader2@tests.example", "reader password 2", "reader");

    public static IReadOnlyList<TestUser> AddedByAdmin { get; } = [Editor, Reader, SecondReader];
}
