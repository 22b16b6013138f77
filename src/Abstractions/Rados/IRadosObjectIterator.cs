namespace StorageKit.Rados;

/// <summary>
/// A resumable object listing (go-ceph <c>Iter</c>; librados <c>rados_nobjects_list_*</c>). A
/// <see cref="Token"/> taken at any point can be passed to <see cref="Seek"/> on a new iterator to go on
/// from about there: every object not yet returned is returned, though a few before it may come again.
/// </summary>
public interface IRadosObjectIterator : IDisposable
{
    /// <summary>The current entry; valid after <see cref="MoveNext"/> returned true.</summary>
    RadosObjectEntry Current { get; }

    /// <summary>Advances to the next object; false at the end.</summary>
    bool MoveNext();

    /// <summary>The position to resume from (the placement-group hash position in librados).</summary>
    uint Token { get; }

    /// <summary>Moves to a position taken from <see cref="Token"/>.</summary>
    void Seek(uint token);
}
