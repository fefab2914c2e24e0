using TacticalRag.Api.Ingestion;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class ChangeSequenceTests
{
    [Fact]
    public void ChangesOneVersionAtATimeAfterTheLoadAreInOrder()
    {
        var sequence = new ChangeSequence(loadedVersion: 10);

        Assert.Equal(ChangeOrder.InOrder, sequence.Next(11));
        Assert.Equal(ChangeOrder.InOrder, sequence.Next(12));
        Assert.Equal(12, sequence.Last);
    }

    [Fact]
    public void ChangesMadeWhileLoadingAreAlreadyInTheLoad()
    {
        var sequence = new ChangeSequence(loadedVersion: 10);

        Assert.Equal(ChangeOrder.AlreadyLoaded, sequence.Next(9));
        Assert.Equal(ChangeOrder.AlreadyLoaded, sequence.Next(10));
        Assert.Equal(ChangeOrder.InOrder, sequence.Next(11));
    }

    [Fact]
    public void AVersionSkippedAheadIsAGap()
    {
        var sequence = new ChangeSequence(loadedVersion: 10);

        Assert.Equal(ChangeOrder.Gap, sequence.Next(12));
        Assert.Equal(10, sequence.Last);
    }

    [Fact]
    public void AnOldVersionAfterANewerChangeMeansTheLibraryWentBack()
    {
        var sequence = new ChangeSequence(loadedVersion: 10);
        sequence.Next(11);

        Assert.Equal(ChangeOrder.SteppedBack, sequence.Next(1));
        Assert.Equal(ChangeOrder.SteppedBack, sequence.Next(11));
    }
}
