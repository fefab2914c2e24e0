namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// Every browser test class shares one started graph and one Chromium: starting the graph takes tens of seconds
/// on 2 cores and stopping it about 13, too much to pay per class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserGraphCollection : ICollectionFixture<BrowserGraph>
{
    public const string Name = "Whole graph in a browser";
}
