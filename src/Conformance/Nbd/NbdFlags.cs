using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>Export flags as <c>nbdinfo</c> shows them for <c>nbdkit memory</c> (docs/nbd-probe-results.md section 1).</summary>
internal static class NbdFlags
{
    /// <summary>A writable <c>nbdkit memory</c> export.</summary>
    public const NbdExportFlags Writable = NbdExportFlags.CanFlush | NbdExportFlags.CanFua | NbdExportFlags.CanTrim | NbdExportFlags.CanZero
        | NbdExportFlags.CanFastZero | NbdExportFlags.CanCache | NbdExportFlags.CanDf | NbdExportFlags.CanMultiConn;

    /// <summary><c>nbdkit -r memory</c>: FUA, trim, zero and fast zero go.</summary>
    public const NbdExportFlags ReadOnly = NbdExportFlags.ReadOnly | NbdExportFlags.CanFlush | NbdExportFlags.CanCache | NbdExportFlags.CanDf | NbdExportFlags.CanMultiConn;

    /// <summary>The flags a client reports, without <see cref="NbdExportFlags.HasFlags"/> (libnbd has no getter for it).</summary>
    public static NbdExportFlags Of(INbdClient client) => client.GetExportFlags() & ~NbdExportFlags.HasFlags;
}
