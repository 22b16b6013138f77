namespace StorageKit.Native;

/// <summary>
/// A <c>rados_write_op_t</c> that lives inside one method: built, operated and released with
/// <c>using</c>. Not a SafeHandle because it never outlives the stack frame that created it.
/// </summary>
internal readonly ref struct RadosWriteOperation : IDisposable
{
    private RadosWriteOperation(nint pointer) => Pointer = pointer;

    /// <summary>The native write op.</summary>
    public nint Pointer { get; }

    /// <summary>Creates an empty write op (<c>rados_create_write_op</c>).</summary>
    public static RadosWriteOperation Create() => new(Interop.Rados.rados_create_write_op());

    /// <summary>Releases the op (<c>rados_release_write_op</c>).</summary>
    public void Dispose() => Interop.Rados.rados_release_write_op(Pointer);
}
