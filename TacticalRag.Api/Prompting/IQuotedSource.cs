namespace TacticalRag.Api.Prompting;

/// <summary>A numbered passage a grounded prompt quotes (Answering's <c>Citation</c> is one): all of it but the numbers is document text.</summary>
public interface IQuotedSource
{
    /// <summary>The n an answer cites as [n].</summary>
    int Index { get; }

    string Title { get; }

    string? Section { get; }

    int? Page { get; }

    string Text { get; }
}
