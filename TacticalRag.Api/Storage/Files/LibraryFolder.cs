namespace TacticalRag.Api.Storage.Files;

/// <summary>Paths of the file library store; ids are checked as safe file names before they get here.</summary>
internal sealed class LibraryFolder(string root)
{
    private const string JsonExtension = ".json";

    private string Documents { get; } = Path.Combine(root, "documents");

    private string ChunkFolder { get; } = Path.Combine(root, "chunks");

    private string VectorFolder { get; } = Path.Combine(root, "vectors");

    public string Version { get; } = Path.Combine(root, "version");

    public string EmbeddingModel { get; } = Path.Combine(root, "embedding-model");

    public string Document(string id) => Path.Combine(Documents, id + JsonExtension);

    public string Chunks(string id) => Path.Combine(ChunkFolder, id + JsonExtension);

    public string Vectors(string id) => Path.Combine(VectorFolder, id + ".bin");

    public IEnumerable<string> DocumentIds() =>
        Directory.EnumerateFiles(Documents, "*" + JsonExtension).Select(Path.GetFileNameWithoutExtension).OfType<string>();

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Documents);
        Directory.CreateDirectory(ChunkFolder);
        Directory.CreateDirectory(VectorFolder);
    }
}
