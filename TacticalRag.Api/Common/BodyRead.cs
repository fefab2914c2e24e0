using System.Diagnostics.CodeAnalysis;

namespace TacticalRag.Api.Common;

/// <summary>
/// A request body as read: its value, or the problem to answer with instead; always exactly one of the two, so a
/// handler tests <see cref="TryGetValue"/> once instead of checking two nullable results.
/// </summary>
public readonly struct BodyRead<T, TProblem>
    where T : class
    where TProblem : class
{
    private readonly T? _value;
    private readonly TProblem? _problem;

    private BodyRead(T? value, TProblem? problem)
    {
        _value = value;
        _problem = problem;
    }

    public static BodyRead<T, TProblem> Of(T value) => new(value, null);

    public static BodyRead<T, TProblem> Refused(TProblem problem) => new(null, problem);

    public bool TryGetValue([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out TProblem? problem)
    {
        value = _value;
        problem = _problem;
        return _problem is null && _value is not null;
    }

    /// <summary>The same outcome with the problem told another way (an OpenAI-shaped error instead of ProblemDetails).</summary>
    public BodyRead<T, TOther> MapProblem<TOther>(Func<TProblem, TOther> map) where TOther : class =>
        TryGetValue(out var value, out var problem) ? BodyRead<T, TOther>.Of(value) : BodyRead<T, TOther>.Refused(map(problem));
}

/// <summary>How a body failed to read.</summary>
public enum BodyProblemKind
{
    /// <summary>Not JSON, or a field of the wrong type; <see cref="BodyProblem.Path"/> says where when known.</summary>
    NotJson,

    /// <summary>Empty, or the JSON literal <c>null</c>.</summary>
    Empty,

    /// <summary>Too large or cut off; <see cref="BodyProblem.Status"/> is the server's (413 over the limit).</summary>
    Unreadable,
}

/// <summary>Why a body could not be read, before it is told in a route family's error shape.</summary>
public sealed record BodyProblem(BodyProblemKind Kind, int Status, string Message, string? Path = null);
