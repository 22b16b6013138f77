namespace StorageKit.Rados;

public partial interface IRadosIoContext
{
    /// <summary>
    /// Takes the advisory exclusive lock <paramref name="name"/> on an object for this client and
    /// <paramref name="cookie"/> (<c>rados_lock_exclusive</c>, the OSD class <c>lock</c>). Creates a missing
    /// object. The lock lives in the object's xattr <c>lock.&lt;name&gt;</c>, which
    /// <see cref="GetXattrs"/> lists. EBUSY when another owner (client and cookie) holds it, or it is held
    /// shared; EEXIST when this owner holds it already, unless <see cref="RadosLockFlags.MayRenew"/> is given;
    /// EINVAL for an empty name or both renew flags.
    /// </summary>
    /// <param name="objectName">The object.</param>
    /// <param name="name">The lock's name.</param>
    /// <param name="cookie">Tells apart several holders within one client; may be empty.</param>
    /// <param name="description">Free text shown to other clients.</param>
    /// <param name="duration">How long the lock holds; null or zero for ever. Sub-second durations work (microseconds).</param>
    /// <param name="flags">Renew behaviour.</param>
    void LockExclusive(string objectName, string name, string cookie, string description = "", TimeSpan? duration = null, RadosLockFlags flags = RadosLockFlags.None);

    /// <summary>
    /// Takes the advisory lock <paramref name="name"/> shared with other holders of the same
    /// <paramref name="tag"/> (<c>rados_lock_shared</c>). EBUSY when it is held exclusively or with another
    /// tag (a lock with no holders takes any tag); otherwise as <see cref="LockExclusive"/>.
    /// </summary>
    /// <param name="objectName">The object.</param>
    /// <param name="name">The lock's name.</param>
    /// <param name="cookie">Tells apart several holders within one client; may be empty.</param>
    /// <param name="tag">Holders must agree on it.</param>
    /// <param name="description">Free text shown to other clients.</param>
    /// <param name="duration">How long the lock holds; null or zero for ever.</param>
    /// <param name="flags">Renew behaviour.</param>
    void LockShared(string objectName, string name, string cookie, string tag, string description = "", TimeSpan? duration = null, RadosLockFlags flags = RadosLockFlags.None);

    /// <summary>
    /// Releases this client's hold with <paramref name="cookie"/> (<c>rados_unlock</c>). ENOENT when this
    /// owner does not hold it (also after it expired) or the object does not exist. The xattr stays.
    /// </summary>
    void Unlock(string objectName, string name, string cookie);

    /// <summary>
    /// Releases the hold of another client (<c>rados_break_lock</c>). <paramref name="client"/> is an entity
    /// name as <see cref="ListLockers"/> shows it (<c>client.4123</c>); EINVAL when it does not parse, ENOENT
    /// when that owner does not hold the lock or the object does not exist.
    /// </summary>
    void BreakLock(string objectName, string name, string client, string cookie);

    /// <summary>
    /// The holders of lock <paramref name="name"/> that have not expired (<c>rados_list_lockers</c>). A lock
    /// nobody ever took lists as not exclusive with no holders; a released one keeps its type and tag. ENOENT
    /// when the object does not exist.
    /// </summary>
    RadosLockInfo ListLockers(string objectName, string name);
}
