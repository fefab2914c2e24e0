using Bunit;
using TacticalRag.Web.Browser;
using TacticalRag.Web.Components.Chat;

namespace TacticalRag.Web.Tests;

public sealed class ConversationListTests : IDisposable
{
    private static readonly ConversationHistoryEntry[] SampleEntries =
    [
        new("c2", "How do I zeroize the radio?", new DateTimeOffset(2026, 11, 30, 8, 9, 0, TimeSpan.Zero)),
        new("c1", "Where does the kitchen go?", new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero)),
    ];

    private readonly BunitContext _context = new();

    public ConversationListTests() => _context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    [Fact]
    public void LinksEachConversationAndMarksTheOneShown()
    {
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries).Add(c => c.CurrentId, "c1"));

        var links = list.FindAll("[data-testid=conversation-entry] a");
        Assert.Equal(["How do I zeroize the radio?", "Where does the kitchen go?"], links.Select(a => a.TextContent));
        Assert.Equal(["conversations/c2", "conversations/c1"], links.Select(a => a.GetAttribute("href")));
        Assert.Null(links[0].GetAttribute("aria-current"));
        Assert.Equal("page", links[1].GetAttribute("aria-current"));
        Assert.Contains("30 Nov 08:09 UTC", list.Markup);
    }

    [Fact]
    public void DeletesAConversationOnlyOnceConfirmed()
    {
        ConversationHistoryEntry? deleted = null;
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries)
            .Add(c => c.OnDelete, (ConversationHistoryEntry entry) => deleted = entry));

        list.Find("button[aria-label='Delete conversation: Where does the kitchen go?']").Click();
        Assert.Null(deleted);
        list.Find("[data-testid=confirm-button]").Click();

        Assert.Equal("c1", deleted?.Id);
    }

    [Fact]
    public void CancellingLeavesTheConversationAlone()
    {
        ConversationHistoryEntry? deleted = null;
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries)
            .Add(c => c.OnDelete, (ConversationHistoryEntry entry) => deleted = entry));

        list.Find("button[aria-label='Delete conversation: How do I zeroize the radio?']").Click();
        list.Find("button:contains('Cancel')").Click();

        Assert.Null(deleted);
        Assert.Empty(list.FindAll("[data-testid=confirm-button]"));
    }

    [Fact]
    public void InvitesTheFirstConversationWhenThereIsNone()
    {
        Assert.Contains("will be listed here", _context.Render<ConversationList>().Markup);
    }

    public void Dispose() => _context.Dispose();
}
