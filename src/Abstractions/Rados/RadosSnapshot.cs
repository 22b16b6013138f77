namespace StorageKit.Rados;

/// <summary>Well-known snapshot ids (librados <c>rados_snap_t</c>).</summary>
public static class RadosSnapshot
{
    /// <summary>
    /// The live object rather than a snapshot (librados <c>LIBRADOS_SNAP_HEAD</c>, <c>(uint64_t)-2</c>): pass it to
    /// <see cref="IRadosIoContext.SetReadSnapshot"/> to read and write the current objects again.
    /// </summary>
    public const ulong Head = unchecked((ulong)-2L);
}
