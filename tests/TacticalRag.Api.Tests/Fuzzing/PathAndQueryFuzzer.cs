using System.Text;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// Hostile ids in paths (<c>/api/documents/{id}</c>, <c>/api/conversations/{id}</c>), hostile query strings, wrong
/// methods and bodies on the read endpoints. No id here exists, so reads and deletes must all be refused.
/// </summary>
public static class PathAndQueryFuzzer
{
    public static readonly string[] IdRoutes = ["/api/documents/", "/api/conversations/"];

    /// <summary>Every read-only endpoint, which may answer 200 to odd query strings and stray bodies.</summary>
    public static readonly string[] ReadEndpoints = ["/api/documents", "/api/llm/backends", "/api/llm/fallbacks", "/api/examples", "/health", "/alive"];

    /// <summary>The health checks answer any method (MapHealthChecks maps them all); harmless, as they change nothing.</summary>
    private static readonly string[] AnyMethodEndpoints = ["/health", "/alive"];

    public static IReadOnlyList<FuzzCase> IdCases(Random random)
    {
        string[] ids =
        [
            new string('a', 129), new string('f', 5000), new string('9', 20_000), "%00", "a%00b", "%2e%2e", "..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%2f..%2fetc%2fpasswd", "%5c..%5c", "%C3%BC%C3%B1%C3%AF", "%F0%9F%98%80", "ünïcødé", "%FF%FE", "%C0%AF", "%zz", "%", "%20",
            "id%0d%0aX-Injected:%201", "0123456789abcdef%00.json", "CON", "a.json", "*", "~", "$", "'%20OR%201=1--", "{id}", "-", "_",
        ];
        var all = ids.Concat(Enumerable.Range(0, 6).Select(_ => RandomEscapedId(random))).ToArray();
        return IdRoutes
            .SelectMany(route => all.SelectMany(id => new[]
            {
                new FuzzCase($"GET {route}{{id}}", HttpMethod.Get, route + id),
                new FuzzCase($"DELETE {route}{{id}}", HttpMethod.Delete, route + id),
            }))
            .ToArray();
    }

    public static IReadOnlyList<FuzzCase> QueryCases(Random random)
    {
        string[] counts = ["-1", "0", "1e9", "1000000000", "99999999999999999999", "", "abc", "1.5", "%00", "1%00", "0x10", "%F0%9F%98%80", "NaN", "13", "4&count=5", "+-3"];
        var cases = counts.Select(count => Read($"/api/examples?count={count}")).ToList();
        cases.Add(Read("/api/examples?count"));
        cases.Add(Read("/api/examples?" + string.Join("&", Enumerable.Range(0, 500).Select(i => $"count={i}"))));
        cases.AddRange(ReadEndpoints.Select(path => Read($"{path}?{RandomQuery(random)}")));
        return cases;
    }

    public static IReadOnlyList<FuzzCase> MethodAndBodyCases(Random random)
    {
        var junk = new byte[512];
        random.NextBytes(junk);
        var cases = new List<FuzzCase>();
        foreach (var path in ReadEndpoints)
        {
            cases.Add(new FuzzCase("GET with a junk body", HttpMethod.Get, path, junk, "application/json", MayBeServed: true));
            var anyMethod = AnyMethodEndpoints.Contains(path);
            cases.Add(new FuzzCase("PUT", HttpMethod.Put, path, Encoding.UTF8.GetBytes("{}"), "application/json", anyMethod, anyMethod ? null : 405));
            cases.Add(new FuzzCase("PATCH", HttpMethod.Patch, path, junk, "application/octet-stream", anyMethod, anyMethod ? null : 405));
        }
        foreach (var path in new[] { "/api/llm/invoke", "/api/llm/stream", "/api/search", "/api/ask", "/api/ask/stream" })
        {
            cases.Add(new FuzzCase("GET on a POST endpoint", HttpMethod.Get, path, Expect: 405));
            cases.Add(new FuzzCase("DELETE on a POST endpoint", HttpMethod.Delete, path, Expect: 405));
        }
        cases.Add(new FuzzCase("DELETE the whole library", HttpMethod.Delete, "/api/documents", Expect: 405));
        cases.Add(new FuzzCase("POST to a document id", HttpMethod.Post, "/api/documents/0123456789abcdef", junk, "application/json", Expect: 405));
        cases.Add(new FuzzCase("unknown API path", HttpMethod.Post, "/api/nothing-here", junk, "application/json", Expect: 404));
        return cases;
    }

    private static FuzzCase Read(string pathAndQuery) => new($"GET {pathAndQuery.Split('?')[0]}", HttpMethod.Get, pathAndQuery, MayBeServed: true);

    private static string RandomEscapedId(Random random)
    {
        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        return string.Concat(bytes.Select(b => $"%{b:X2}"));
    }

    private static string RandomQuery(Random random) =>
        string.Join("&", Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"{RandomEscapedId(random)[..3]}={RandomEscapedId(random)}"));
}
