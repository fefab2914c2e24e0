namespace TacticalRag.Api.Storage;

/// <summary>
/// Ids reach the stores from URLs; the file stores turn them into file names, so only plain ids are accepted there
/// (anything else cannot exist and reads as missing).
/// </summary>
internal static class StorageIds
{
    private const int MaxLength = 128;

    public static bool IsSafe(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static void EnsureSafe(string id, string what)
    {
        if (!IsSafe(id))
        {
            throw new ArgumentException($"The {what} id '{id}' may hold only letters, digits, '-' and '_' (at most {MaxLength}).", nameof(id));
        }
    }
}
