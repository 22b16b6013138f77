namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>
    /// Takes the exclusive lock of an image with the exclusive-lock feature for this handle and keeps it
    /// (<c>rbd_lock_acquire</c>): other handles then cannot take it over. Only <see cref="RbdLockMode.Exclusive"/>
    /// is supported.
    /// </summary>
    void AcquireLock(RbdLockMode mode);

    /// <summary>Releases the exclusive lock this handle holds (<c>rbd_lock_release</c>).</summary>
    void ReleaseLock();

    /// <summary>The mode and owners of the image's exclusive lock (<c>rbd_lock_get_owners</c>).</summary>
    RbdLockOwners GetLockOwners();

    /// <summary>Whether this handle holds the image's exclusive lock (<c>rbd_is_exclusive_lock_owner</c>).</summary>
    bool IsExclusiveLockOwner { get; }

    /// <summary>Breaks the exclusive lock held by <paramref name="owner"/>, as <see cref="GetLockOwners"/> names it (<c>rbd_lock_break</c>).</summary>
    void BreakLock(RbdLockMode mode, string owner);

    /// <summary>Takes the advisory exclusive image lock with <paramref name="cookie"/> (<c>rbd_lock_exclusive</c>).</summary>
    void LockExclusive(string cookie);

    /// <summary>Takes the advisory image lock shared with holders of the same <paramref name="tag"/> (<c>rbd_lock_shared</c>).</summary>
    void LockShared(string cookie, string tag);

    /// <summary>Releases this client's advisory lock with <paramref name="cookie"/> (<c>rbd_unlock</c>).</summary>
    void Unlock(string cookie);

    /// <summary>
    /// Releases the advisory lock <paramref name="client"/> (<c>client.&lt;id&gt;</c>) holds with
    /// <paramref name="cookie"/> (<c>rbd_break_lock</c>); librbd 16 blocklists that client first.
    /// </summary>
    void BreakLock(string client, string cookie);

    /// <summary>The holders of the image's lock as this handle last read them (<c>rbd_list_lockers</c>).</summary>
    RbdLockers ListLockers();
}
