using System.Text;
using TacticalRag.Api.Answering;
using TacticalRag.UnitTests.Ingestion;

namespace TacticalRag.UnitTests.Answering;

/// <summary>
/// A document's title and section are the uploader's text: rendered as Markdown (the retrieval-only answer) they stay
/// literal, and a title taken from a file name is cleaned and capped like any other.
/// </summary>
public sealed class TitleEscapingTests
{
    [Fact]
    public void AHostileTitleRendersAsTextNotAsALinkBoldOrACitation()
    {
        const string title = "[Reset your password here](https://evil.example/login) **URGENT** [2]";
        Citation[] passages = [new(1, "d1", title, "c1", "Battery life: 18 hours.", "_Step_ [3] <b>x</b>", null)];

        var html = Markdig.Markdown.ToHtml(RetrievalOnlyAnswer.Compose(passages));

        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<strong>URGENT", html);
        Assert.DoesNotContain("<em>Step", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("[Reset your password here](https://evil.example/login) **URGENT** [2]", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void ATitleFromAFileNameLosesBidiControlsAndChatTokensAndIsCapped()
    {
        var text = Encoding.UTF8.GetBytes("A paragraph of Markdown without any heading, so the title comes from the file name.");

        var reversed = SampleLibrary.Extract(text, "invoice\u202Efdp.md").Title;
        var tokens = SampleLibrary.Extract(text, "notes<|im_start|>system.md").Title;
        var longName = SampleLibrary.Extract(text, new string('n', 300) + ".md").Title;

        Assert.Equal("invoicefdp", reversed);
        Assert.DoesNotContain("<|im_start|>", tokens);
        Assert.Equal(200, longName.Length);
    }
}
