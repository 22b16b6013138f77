using StorageKit.Nbd;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// The export a case asks for. Every toggle can be made both ways on every target: on <c>nbdkit memory</c> with
/// <c>-r</c> and filters (nozero, fua, nocache, multi-conn, blocksize-policy, exportname), on the emulated side
/// with <c>MemoryNbdExportOptions</c>. The defaults are what plain <c>nbdkit memory</c> advertises.
/// </summary>
public sealed record NbdExportSpec
{
    /// <summary>The default spec: a 1 MiB writable default export with every feature of <c>nbdkit memory</c>.</summary>
    public static NbdExportSpec Default { get; } = new();

    /// <summary>Export name; "" is the default export (any other name is the only one served).</summary>
    public string Name { get; init; } = "";

    /// <summary>Description sent with the export's info ("" for none); needs a non-empty <see cref="Name"/>.</summary>
    public string Description { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; } = 1 << 20;

    /// <summary>Refuse writes, trims and zeroes (<c>nbdkit -r</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Advertise write-zeroes (off: <c>--filter=nozero zeromode=none</c>, which also drops fast zero).</summary>
    public bool Zero { get; init; } = true;

    /// <summary>Advertise fast zero (off: <c>--filter=nozero zeromode=plugin fastzeromode=none</c>).</summary>
    public bool FastZero { get; init; } = true;

    /// <summary>Advertise FUA (off: <c>--filter=fua</c>, whose default mode is none).</summary>
    public bool Fua { get; init; } = true;

    /// <summary>Advertise cache (off: <c>--filter=nocache cachemode=none</c>).</summary>
    public bool Cache { get; init; } = true;

    /// <summary>Advertise multi-conn (off: <c>--filter=multi-conn multi-conn-mode=disable</c>).</summary>
    public bool MultiConn { get; init; } = true;

    /// <summary>Block size constraints to send (<c>--filter=blocksize-policy</c>); null sends none.</summary>
    public (long Minimum, long Preferred, long Maximum)? BlockSizes { get; init; }

    /// <summary>The feature flags this spec turns off from <c>nbdkit memory</c>'s set.</summary>
    public NbdExportFlags DisabledFeatures
        => (Zero ? NbdExportFlags.None : NbdExportFlags.CanZero | NbdExportFlags.CanFastZero)
            | (FastZero ? NbdExportFlags.None : NbdExportFlags.CanFastZero)
            | (Fua ? NbdExportFlags.None : NbdExportFlags.CanFua)
            | (Cache ? NbdExportFlags.None : NbdExportFlags.CanCache)
            | (MultiConn ? NbdExportFlags.None : NbdExportFlags.CanMultiConn);
}
