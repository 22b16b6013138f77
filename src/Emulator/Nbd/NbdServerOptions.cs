namespace StorageKit.Emulator.Nbd;

/// <summary>Settings of an <see cref="NbdServer"/>.</summary>
public sealed record NbdServerOptions
{
    /// <summary>
    /// Largest read or write payload accepted; larger requests fail with ENOMEM as in nbdkit (whose limit is
    /// 64 MiB, the default).
    /// </summary>
    public int MaxRequestSize { get; init; } = 64 << 20;

    /// <summary>
    /// Whether structured reads send the export's zero ranges as hole chunks (<c>NBD_REPLY_TYPE_OFFSET_HOLE</c>)
    /// instead of data; never with the DF flag. nbdkit 1.32 always sends one data chunk (false).
    /// </summary>
    public bool SparseReads { get; init; } = true;
}
