namespace StorageKit.Native;

/// <summary>
/// A <c>rados_read_op_t</c> that lives inside one method: built, operated and released with
/// <c>using</c>. Not a SafeHandle because it never outlives the stack frame that created it.
/// </summary>
internal readonly ref struct RadosReadOperation : IDisposable
{
    private RadosReadOperation(nint pointer) => Pointer = pointer;

    /// <summary>The native read op.</summary>
    public nint Pointer { get; }

    /// <summary>Creates an empty read op (<c>rados_create_read_op</c>).</summary>
    public static RadosReadOperation Create() => new(Interop.Rados.rados_create_read_op());

    /// <summary>Releases the op (<c>rados_release_read_op</c>).</summary>
    public void Dispose() => Interop.Rados.rados_release_read_op(Pointer);
}
