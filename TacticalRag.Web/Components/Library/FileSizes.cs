using System.Globalization;

namespace TacticalRag.Web.Components.Library;

/// <summary>File sizes as people read them: "512 bytes", "4.6 KB", "25 MB".</summary>
public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
        < 1024 * 1024 => $"{Scaled(bytes, 1024)} KB",
        < 1024L * 1024 * 1024 => $"{Scaled(bytes, 1024 * 1024)} MB",
        _ => $"{Scaled(bytes, 1024L * 1024 * 1024)} GB",
    };

    // One decimal below ten ("4.6 KB"), none above ("25 MB"): as precise as anyone reads a size.
    private static string Scaled(long bytes, long unit)
    {
        var value = bytes / (double)unit;
        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);
    }
}
