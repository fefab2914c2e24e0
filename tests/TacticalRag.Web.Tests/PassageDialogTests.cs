using Bunit;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components.Chat;

namespace TacticalRag.Web.Tests;

public sealed class PassageDialogTests : IAsyncDisposable
{
    private const string Passage = "The AN/PRC-990 covers 30 to 512 MHz. Battery life is 18 hours with the BB-990 battery. The case is sealed.";
    private const string Excerpt = "… Battery life is 18 hours with the BB-990 battery. …";
    private readonly BunitContext _context = new();

    public PassageDialogTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void ShowsTheMatchingPartWithTheQuestionsWordsMarkedAndTheWholePassageBelow()
    {
        var source = new Citation(1, "d1", "Radio manual", "c1", Passage, "Specifications", 4, Excerpt,
            [new TextHighlight(2, 7), new TextHighlight(10, 4), new TextHighlight(43, 7)]);

        var dialog = _context.Render<PassageDialog>(p => p.Add(c => c.Citation, source));

        var excerpt = dialog.Find("[data-testid=passage-excerpt]");
        Assert.Equal(Excerpt, excerpt.TextContent);
        Assert.Equal(["Battery", "life", "battery"], excerpt.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Equal(Passage, dialog.Find("[data-testid=passage-text]").TextContent);
    }

    [Fact]
    public void WithoutAnExcerptShowsTheWholePassageOnly()
    {
        var source = new Citation(1, "d1", "Radio manual", "c1", Passage, null, null);

        var dialog = _context.Render<PassageDialog>(p => p.Add(c => c.Citation, source));

        Assert.Empty(dialog.FindAll("[data-testid=passage-excerpt]"));
        Assert.Equal(Passage, dialog.Find("[data-testid=passage-text]").TextContent);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
