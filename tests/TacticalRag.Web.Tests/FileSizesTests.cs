using TacticalRag.Web.Components.Library;

namespace TacticalRag.Web.Tests;

public sealed class FileSizesTests
{
    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(4683, "4.6 KB")]
    [InlineData(25 * 1024 * 1024, "25 MB")]
    [InlineData(1536L * 1024 * 1024, "1.5 GB")]
    public void WritesSizesAsPeopleReadThem(long bytes, string expected) => Assert.Equal(expected, FileSizes.Format(bytes));
}
