using Bunit;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components.Chat;

namespace TacticalRag.Web.Tests;

public sealed class ConversationListTests : IDisposable
{
    private static readonly ConversationListItem[] SampleEntries =
    [
        new("c2", "How do I zeroize the radio?", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 8, 9, 0, TimeSpan.Zero), 2),
        new("c1", "Where does the kitchen go?", new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero), 1),
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
        ConversationListItem? deleted = null;
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries)
            .Add(c => c.OnDelete, (ConversationListItem entry) => deleted = entry));

        list.Find("button[aria-label='Delete conversation: Where does the kitchen go?']").Click();
        Assert.Null(deleted);
        list.Find("[data-testid=confirm-button]").Click();

        Assert.Equal("c1", deleted?.Id);
    }

    [Fact]
    public void CancellingLeavesTheConversationAlone()
    {
        ConversationListItem? deleted = null;
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries)
            .Add(c => c.OnDelete, (ConversationListItem entry) => deleted = entry));

        list.Find("button[aria-label='Delete conversation: How do I zeroize the radio?']").Click();
        list.Find("button:contains('Cancel')").Click();

        Assert.Null(deleted);
        Assert.Empty(list.FindAll("[data-testid=confirm-button]"));
    }

    [Fact]
    public void RenamesInPlaceAndKeepsTheFormOpenWhenTheRenameIsRefused()
    {
        var asked = new List<(string Id, string Title)>();
        var accept = false;
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries)
            .Add(c => c.OnRename, (entry, title) =>
            {
                asked.Add((entry.Id, title));
                return Task.FromResult(accept);
            }));

        list.Find("button[aria-label='Rename conversation: Where does the kitchen go?']").Click();
        Assert.Equal("Where does the kitchen go?", list.Find("[data-testid=rename-input]").GetAttribute("value"));
        list.Find("[data-testid=rename-input]").Change("");
        list.Find("[data-testid=rename-form]").Submit();
        Assert.Single(list.FindAll("[data-testid=rename-form]"));
        accept = true;
        list.Find("[data-testid=rename-input]").Change("Kitchen siting");
        list.Find("[data-testid=rename-form]").Submit();

        Assert.Equal([("c1", ""), ("c1", "Kitchen siting")], asked);
        Assert.Empty(list.FindAll("[data-testid=rename-form]"));
    }

    [Fact]
    public void OffersOlderConversationsOnlyWhenThereAreMore()
    {
        var more = 0;
        var list = _context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries).Add(c => c.HasMore, true)
            .Add(c => c.OnMore, () => more++));

        list.Find("[data-testid=more-conversations]").Click();

        Assert.Equal(1, more);
        Assert.Empty(_context.Render<ConversationList>(p => p.Add(c => c.Entries, SampleEntries)).FindAll("[data-testid=more-conversations]"));
    }

    [Fact]
    public void InvitesTheFirstConversationWhenThereIsNone()
    {
        Assert.Contains("will be listed here", _context.Render<ConversationList>().Markup);
    }

    public void Dispose() => _context.Dispose();
}
