namespace StorageKit.Rados;

/// <summary>A lock's state as <c>rados_list_lockers</c> reports it.</summary>
/// <param name="Exclusive">True for an exclusive lock (also after its last holder released it).</param>
/// <param name="Tag">The shared lock's tag; "" for exclusive locks.</param>
/// <param name="Lockers">The holders whose hold has not expired.</param>
public sealed record RadosLockInfo(bool Exclusive, string Tag, IReadOnlyList<RadosLocker> Lockers);
