using StorageKit.Emulator.Nbd;

namespace StorageKit.Emulator.DependencyInjection;

/// <summary>
/// One export of an <see cref="EmulatorNbdServerSeed"/>: a sparse in-memory disk (<see cref="MemoryNbdExport"/>, like
/// <c>nbdkit memory</c>) of <see cref="Size"/> bytes starting with <see cref="Content"/>, or, when
/// <see cref="RbdPool"/> and <see cref="RbdImage"/> are set, a seeded RBD image served as by <c>rbd-nbd</c>
/// (<see cref="RbdNbdExport"/>), whose size and data come from the image.
/// </summary>
public sealed record EmulatorNbdExportSeed
{
    /// <summary>Name clients ask for; "" (the default) is the default export.</summary>
    public string Name { get; init; } = "";

    /// <summary>Description sent with <c>NBD_INFO_DESCRIPTION</c> and listed; "" for none.</summary>
    public string Description { get; init; } = "";

    /// <summary>Size in bytes of an in-memory export; must stay 0 for an RBD-backed one.</summary>
    public long Size { get; init; }

    /// <summary>Refuse writes, trims and zeroes (<c>NBD_FLAG_READ_ONLY</c>, like <c>nbdkit -r</c> or <c>rbd-nbd --read-only</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Bytes at offset 0 of an in-memory export, at most <see cref="Size"/>; must stay empty for an RBD-backed one.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Pool of the RBD image to serve; null for an in-memory export.</summary>
    public string? RbdPool { get; init; }

    /// <summary>RBD image to serve (seeded or created before the first resolve); null for an in-memory export.</summary>
    public string? RbdImage { get; init; }
}
