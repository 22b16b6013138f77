using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// The exclusive-lock feature's lock driven by hand and the advisory image locks, between two handles of one
/// image, measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD locks, watchers, async I/O").
/// </summary>
[ConformanceArea("rbd.locks")]
public static class LockCases
{
    internal static string NewLockedImage(RbdImageScope s)
    {
        string name = s.NewName("lk");
        s.Rbd.Create(name, 16384, new RbdImageOptions { Features = RbdFeatures.Layering | RbdFeatures.ExclusiveLock, Order = 12 });
        return name;
    }

    /// <summary>rbd_lock_acquire, rbd_lock_release and rbd_lock_get_owners on an image without exclusive-lock are EINVAL.</summary>
    [ConformanceCase]
    public static void LockFeatureCallsWithoutTheFeature(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.AcquireLock(RbdLockMode.Exclusive), "acquire");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.ReleaseLock(), "release");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.GetLockOwners(), "owners");
        Check.Equal(false, image.IsExclusiveLockOwner, "owner");
    }

    /// <summary>the shared mode is EOPNOTSUPP for acquire and break.</summary>
    [ConformanceCase]
    public static void SharedModeIsNotSupported(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewLockedImage(s));
        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => image.AcquireLock(RbdLockMode.Shared), "acquire shared");
        Check.Throws<StorageNotSupportedException>(Errno.EOPNOTSUPP, () => image.BreakLock(RbdLockMode.Shared, "x"), "break shared");
    }

    /// <summary>a read-only handle has no exclusive lock: acquire is EINVAL, owners EINVAL, never owner.</summary>
    [ConformanceCase]
    public static void ReadOnlyHandleHasNoLock(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var image = s.Rbd.Open(name, null, readOnly: true);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.AcquireLock(RbdLockMode.Exclusive), "acquire");
        Check.Equal(false, image.IsExclusiveLockOwner, "owner");
    }

    /// <summary>nobody owns the lock of a fresh image: owners ENOENT, release EINVAL, no handle is owner.</summary>
    [ConformanceCase]
    public static void NoOwnerYet(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewLockedImage(s));
        Check.Equal(false, image.IsExclusiveLockOwner, "owner");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.GetLockOwners(), "owners");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.ReleaseLock(), "release");
    }

    /// <summary>after rbd_lock_acquire the handle owns the lock, the other does not, both see one exclusive owner (the holder's legacy address); acquiring again is fine.</summary>
    [ConformanceCase]
    public static void AcquireMakesOwner(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.AcquireLock(RbdLockMode.Exclusive);
        a.AcquireLock(RbdLockMode.Exclusive);
        Check.Equal(true, a.IsExclusiveLockOwner, "a owner");
        Check.Equal(false, b.IsExclusiveLockOwner, "b owner");
        var owners = b.GetLockOwners();
        Check.Equal(RbdLockMode.Exclusive, owners.Mode, "mode");
        Check.Equal(1, owners.Owners.Count, "one owner");
        Check.Sequence(owners.Owners, a.GetLockOwners().Owners, "same owner seen by both");
        var holder = s.Io.ListLockers("rbd_header." + a.Id, "rbd_lock").Lockers.Single();
        Check.Equal(holder.Address.Replace("v1:", "", StringComparison.Ordinal), owners.Owners[0], "the owner is the holder's legacy address");
        // rbd_list_lockers answers from the header as the handle last read it: taking the exclusive lock does not
        // make handles read it again, so neither lists the lock; a handle opened now does.
        Check.Equal(0, b.ListLockers().Lockers.Count, "b's view is from its open");
        Check.Equal(0, a.ListLockers().Lockers.Count, "a's view is from its open");
        using var late = s.Rbd.Open(name);
        Check.Equal(holder.Address.Replace("v1:", "", StringComparison.Ordinal), late.ListLockers().Lockers.Single().Address, "lockers show legacy addresses");
    }

    /// <summary>while one handle holds the lock by rbd_lock_acquire, the other handle's write and acquire are refused (EROFS) and leave the data alone.</summary>
    [ConformanceCase]
    public static void ManualLockRefusesOtherHandle(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.AcquireLock(RbdLockMode.Exclusive);
        Check.Throws<StorageException>(Errno.EROFS, () => b.Write(new byte[] { 1 }, 0), "write");
        Check.Throws<StorageException>(Errno.EROFS, () => b.AcquireLock(RbdLockMode.Exclusive), "acquire");
        Check.Equal(true, a.IsExclusiveLockOwner, "a still owner");
        var buffer = new byte[1];
        b.Read(buffer, 0);
        Check.Equal((byte)0, buffer[0], "unchanged");
    }

    /// <summary>after rbd_lock_release the other handle writes and becomes the owner; the releasing handle is owner no more.</summary>
    [ConformanceCase]
    public static void ReleaseLetsOtherHandleWrite(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.AcquireLock(RbdLockMode.Exclusive);
        a.ReleaseLock();
        Check.Equal(false, a.IsExclusiveLockOwner, "a released");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => a.GetLockOwners(), "no owner");
        Check.Equal(1, b.Write(new byte[] { 7 }, 0), "b writes");
        Check.Equal(true, b.IsExclusiveLockOwner, "b owner");
        Check.Equal(false, a.IsExclusiveLockOwner, "a not owner");
    }

    /// <summary>a lock taken by writing is handed over when another handle writes; ownership follows.</summary>
    [ConformanceCase]
    public static void AutomaticLockMovesWithWrites(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.Write(new byte[] { 1 }, 0);
        Check.Equal(true, a.IsExclusiveLockOwner, "a owner after write");
        b.Write(new byte[] { 2 }, 1);
        Check.Equal(true, b.IsExclusiveLockOwner, "b owner after write");
        Check.Equal(false, a.IsExclusiveLockOwner, "a gave it up");
    }

    /// <summary>rbd_lock_break with an owner other than the current one is EBUSY; with no owner at all ENOENT.</summary>
    [ConformanceCase]
    public static void BreakLockOwnerMismatch(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => b.BreakLock(RbdLockMode.Exclusive, "127.0.0.1:0/1"), "no owner");
        a.AcquireLock(RbdLockMode.Exclusive);
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => b.BreakLock(RbdLockMode.Exclusive, "127.0.0.1:0/1"), "other owner");
        Check.Equal(true, a.IsExclusiveLockOwner, "a still owner");
    }

    /// <summary>rbd_lock_exclusive: listed as exclusive with an empty tag, this client and the cookie; again EEXIST, another cookie EBUSY (also from another handle).</summary>
    [ConformanceCase]
    public static void AdvisoryExclusive(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.LockExclusive("one");
        var lockers = a.ListLockers();
        Check.Equal(true, lockers.Exclusive, "exclusive");
        Check.Equal("", lockers.Tag, "tag");
        Check.Equal(1, lockers.Lockers.Count, "one holder");
        Check.Equal("one", lockers.Lockers[0].Cookie, "cookie");
        Check.True(lockers.Lockers[0].Client.StartsWith("client.", StringComparison.Ordinal), "client name");
        Check.True(lockers.Lockers[0].Address.Length > 0, "address");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => a.LockExclusive("one"), "again");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => a.LockExclusive("two"), "other cookie");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => b.LockShared("three", "t"), "shared from the other handle");
        Check.Equal(1, b.ListLockers().Lockers.Count, "the other handle sees it");
    }

    /// <summary>rbd_lock_shared: holders with the same tag share it; another tag and exclusive are EBUSY.</summary>
    [ConformanceCase]
    public static void AdvisoryShared(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.LockShared("one", "tag");
        b.LockShared("two", "tag");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => b.LockShared("three", "other"), "other tag");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => b.LockExclusive("four"), "exclusive");
        var lockers = a.ListLockers();
        Check.Equal(false, lockers.Exclusive, "shared");
        Check.Equal("tag", lockers.Tag, "tag");
        Check.Sequence(["one", "two"], lockers.Lockers.Select(l => l.Cookie).Order(StringComparer.Ordinal), "cookies");
    }

    /// <summary>rbd_unlock of a cookie not held is ENOENT; unlocking empties the list, another cookie may then lock.</summary>
    [ConformanceCase]
    public static void AdvisoryUnlock(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => a.Unlock("none"), "never locked");
        a.LockExclusive("one");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => a.Unlock("two"), "other cookie");
        b.Unlock("one");
        Check.Equal(0, a.ListLockers().Lockers.Count, "no holders");
        b.LockExclusive("two");
        Check.Equal("two", a.ListLockers().Lockers[0].Cookie, "new holder");
    }

    /// <summary>a fresh image lists no lockers, not exclusive, empty tag.</summary>
    [ConformanceCase]
    public static void NoLockers(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        var lockers = image.ListLockers();
        Check.Equal(false, lockers.Exclusive, "exclusive");
        Check.Equal("", lockers.Tag, "tag");
        Check.Equal(0, lockers.Lockers.Count, "holders");
    }

    /// <summary>rbd_break_lock: a client name that does not parse is EINVAL, a client not holding the lock ENOENT.</summary>
    [ConformanceCase]
    public static void AdvisoryBreakErrors(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        image.LockExclusive("one");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.BreakLock("nonsense", "one"), "unparsable client");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.BreakLock("client.999999", "one"), "other client");
        Check.Equal(1, image.ListLockers().Lockers.Count, "still held");
    }

    /// <summary>rbd_break_lock releases another client's hold (that client is blocklisted by librbd 16, so it is used no more).</summary>
    [ConformanceCase]
    public static void AdvisoryBreakOtherClient(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var image = s.Rbd.Open(name);
        using (var other = c.NewClient())
        {
            using var io = other.OpenIoContext(s.Io.PoolName);
            using var held = c.Target.OpenRbd(io).Open(name);
            held.LockExclusive("theirs");
            var locker = image.ListLockers().Lockers.Single();
            image.BreakLock(locker.Client, "theirs");
            Check.Equal(0, image.ListLockers().Lockers.Count, "broken");
        }

        image.LockExclusive("mine");
        Check.Equal("mine", image.ListLockers().Lockers.Single().Cookie, "taken");
    }

    /// <summary>advisory locks take the same RADOS lock as the exclusive-lock feature: while a handle owns it, rbd_lock_exclusive is EBUSY, and lockers show the internal holder.</summary>
    [ConformanceCase]
    public static void AdvisoryLockMeetsExclusiveLock(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = NewLockedImage(s);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.AcquireLock(RbdLockMode.Exclusive);
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => b.LockExclusive("mine"), "advisory over the feature's lock");
        var raw = s.Io.ListLockers("rbd_header." + a.Id, "rbd_lock");
        Check.Equal(true, raw.Exclusive, "exclusive");
        Check.Equal("internal", raw.Tag, "tag");
        Check.True(raw.Lockers.Single().Cookie.StartsWith("auto ", StringComparison.Ordinal), "cookie");
    }

    /// <summary>advisory locks on a read-only handle work (librbd does not check), and cookies must not contain NUL.</summary>
    [ConformanceCase]
    public static void AdvisoryLockReadOnlyAndArguments(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var image = s.Rbd.Open(name, null, readOnly: true);
        image.LockShared("ro", "t");
        Check.Equal(1, s.Io.ListLockers("rbd_header." + image.Id, "rbd_lock").Lockers.Count, "held");
        image.Unlock("ro");
        Check.ThrowsExactly<ArgumentException>(() => image.LockExclusive("a\0b"), "NUL");
        Check.ThrowsExactly<ArgumentNullException>(() => image.Unlock(null!), "null");
    }

    /// <summary>
    /// once a handle used rbd_lock_acquire it no longer takes the lock by itself: after rbd_lock_release its writes
    /// are EROFS until it acquires again.
    /// </summary>
    [ConformanceCase]
    public static void ReleasedManualLockIsNotRetakenByWrites(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(NewLockedImage(s));
        image.AcquireLock(RbdLockMode.Exclusive);
        image.ReleaseLock();
        Check.Equal(false, image.IsExclusiveLockOwner, "released");
        Check.Throws<StorageException>(Errno.EROFS, () => image.Write(new byte[] { 1 }, 0), "write without the lock");
        Check.Equal(false, image.IsExclusiveLockOwner, "still not owner");
        image.AcquireLock(RbdLockMode.Exclusive);
        Check.Equal(1, image.Write(new byte[] { 1 }, 0), "write after acquiring again");
    }

    /// <summary>lock calls on a closed handle throw ObjectDisposedException; argument checks come first.</summary>
    [ConformanceCase]
    public static void ClosedHandle(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var image = s.Rbd.Open(NewLockedImage(s));
        image.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => image.AcquireLock(RbdLockMode.Exclusive), "acquire");
        Check.ThrowsExactly<ObjectDisposedException>(() => _ = image.IsExclusiveLockOwner, "owner");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.ListLockers(), "lockers");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.LockExclusive("x"), "lock");
        Check.ThrowsExactly<ArgumentNullException>(() => image.LockShared("x", null!), "null tag first");
    }
}
