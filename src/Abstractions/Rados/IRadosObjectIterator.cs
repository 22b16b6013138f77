namespace StorageKit.Rados;

/// <summary>
/// An object listing in placement-group order (go-ceph <c>Iter</c>; librados <c>rados_nobjects_list_*</c>).
/// <see cref="Token"/> is the placement group the listing will read next, and <see cref="Seek"/> restarts at
/// a group. It is a coarse position, not a cursor: on a real cluster seeking to a token taken mid-listing
/// can repeat objects, and within a large group can also skip some (measured on Ceph 16). Only a listing run
/// to the end sees every object.
/// </summary>
public interface IRadosObjectIterator : IDisposable
{
    /// <summary>The current entry; <see cref="InvalidOperationException"/> before the first <see cref="MoveNext"/> or after the end.</summary>
    RadosObjectEntry Current { get; }

    /// <summary>Advances to the next object; false at the end.</summary>
    bool MoveNext();

    /// <summary>The placement group the listing reads next (<c>rados_nobjects_list_get_pg_hash_position</c>).</summary>
    uint Token { get; }

    /// <summary>Restarts the listing at the placement group <paramref name="token"/> (modulo the pool's group count).</summary>
    void Seek(uint token);
}
