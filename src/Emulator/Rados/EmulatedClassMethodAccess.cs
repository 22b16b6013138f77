namespace StorageKit.Emulator.Rados;

/// <summary>
/// What an emulated object class method may do, as a Ceph class registers it (<c>CLS_METHOD_RD</c>,
/// <c>CLS_METHOD_WR</c>). The OSD enforces them, and so does the emulator: a method without
/// <see cref="Read"/> that reads, or without <see cref="Write"/> that writes, fails with EIO; a method without
/// <see cref="Write"/> on a missing object fails with ENOENT before it runs.
/// </summary>
[Flags]
public enum EmulatedClassMethodAccess
{
    /// <summary>Neither reads nor writes the object (still ENOENT on a missing object, like a read).</summary>
    None = 0,

    /// <summary><c>CLS_METHOD_RD</c>: may read the object.</summary>
    Read = 1,

    /// <summary><c>CLS_METHOD_WR</c>: may write the object; runs on missing objects, and its output is dropped.</summary>
    Write = 2,
}
