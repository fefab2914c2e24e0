namespace TacticalRag.Api.Ingestion;

/// <summary>What a library change's version says about this replica's index.</summary>
internal enum ChangeOrder
{
    /// <summary>The next change after the last one applied: apply it.</summary>
    InOrder,

    /// <summary>Made while the index was being loaded, so the load already holds it (applying again is harmless).</summary>
    AlreadyLoaded,

    /// <summary>Changes were missed (the stream was trimmed past this replica, or it was away): reload.</summary>
    Gap,

    /// <summary>The library's versions went back (Redis restarted empty or from an older copy): reload.</summary>
    SteppedBack,
}

/// <summary>
/// Checks that library changes arrive one version at a time after the version the index was loaded at. Pure logic.
/// </summary>
internal sealed class ChangeSequence(long loadedVersion)
{
    private readonly long _loadedVersion = loadedVersion;

    /// <summary>The library version the index reflects.</summary>
    public long Last { get; private set; } = loadedVersion;

    public ChangeOrder Next(long version)
    {
        if (version == Last + 1)
        {
            Last = version;
            return ChangeOrder.InOrder;
        }
        // The watch starts a moment before the version is read, so the first few changes may already be in the load;
        // once a newer change has been applied, an old version can only mean the library went back.
        if (version <= _loadedVersion && Last == _loadedVersion)
        {
            return ChangeOrder.AlreadyLoaded;
        }
        return version > Last ? ChangeOrder.Gap : ChangeOrder.SteppedBack;
    }
}
