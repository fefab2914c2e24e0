using System.Text;
using TacticalRag.Api.Llm;

namespace TacticalRag.UnitTests.Llm;

public sealed class PooledUtf8BufferTests
{
    [Fact]
    public void GrowingKeepsWhatWasWrittenAndHandsOutRoomInTheNewArray()
    {
        using var buffer = new PooledUtf8Buffer(4);
        var expected = new StringBuilder();

        for (var i = 0; i < 200; i++)
        {
            var piece = Encoding.UTF8.GetBytes($" token{i} ü");
            var span = buffer.GetSpan(piece.Length);
            Assert.True(span.Length >= piece.Length);
            piece.CopyTo(span);
            buffer.Advance(piece.Length);
            expected.Append($" token{i} ü");
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.Clear();
        Assert.Equal(0, buffer.Length);
    }
}
