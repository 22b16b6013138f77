using System.Globalization;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Advisory locks (cls_lock): exclusive and shared, renewal, conflicts, unlock, break, listing, expiry.</summary>
[ConformanceArea("rados.locks")]
public static class LockCases
{
    /// <summary>locking a missing object creates it, empty.</summary>
    [ConformanceCase]
    public static void LockCreatesMissingObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        Check.Equal(0L, c.Io.Stat(oid).Size, "size of the created object");
    }

    /// <summary>list_lockers shows the holder: exclusive, no tag, this client, the cookie and a v1 address.</summary>
    [ConformanceCase]
    public static void ListLockersShowsExclusiveHolder(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck1", "a description");
        RadosLockInfo info = c.Io.ListLockers(oid, "L");
        Check.True(info.Exclusive, "exclusive");
        Check.Equal("", info.Tag, "tag");
        Check.Equal(1, info.Lockers.Count, "lockers");
        Check.Equal(ClientName(c.Client), info.Lockers[0].Client, "client");
        Check.Equal("ck1", info.Lockers[0].Cookie, "cookie");
        Check.True(info.Lockers[0].Address.StartsWith("v1:", StringComparison.Ordinal), $"address '{info.Lockers[0].Address}' is a v1 address");
    }

    /// <summary>the lock is kept in the xattr lock.&lt;name&gt;, which getxattrs lists.</summary>
    [ConformanceCase]
    public static void LockIsVisibleAsXattr(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "user.a", Bytes.Of("1"));
        c.Io.LockExclusive(oid, "mylock", "ck");
        c.Io.LockShared(oid, "other", "ck", "t");
        Check.Sequence(["lock.mylock", "lock.other", "user.a"], c.Io.GetXattrs(oid).Keys.Order(StringComparer.Ordinal), "xattrs");
        Check.True(c.Io.GetXattr(oid, "lock.mylock").Length > 0, "the lock xattr has content");
    }

    /// <summary>locking again as the same owner is EEXIST.</summary>
    [ConformanceCase]
    public static void RelockBySameOwnerIsAlreadyExists(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.LockExclusive(oid, "L", "ck"), "second lock_exclusive");
    }

    /// <summary>with MayRenew the owner renews its lock.</summary>
    [ConformanceCase]
    public static void MayRenewRenews(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck", "first");
        c.Io.LockExclusive(oid, "L", "ck", "second", flags: RadosLockFlags.MayRenew);
        c.Io.LockExclusive(oid, "N", "ck", flags: RadosLockFlags.MayRenew);
        Check.Equal(1, c.Io.ListLockers(oid, "L").Lockers.Count, "holders after the renewal");
        Check.Equal(1, c.Io.ListLockers(oid, "N").Lockers.Count, "MayRenew also takes a free lock");
    }

    /// <summary>MustRenew renews a held lock and is ENOENT for one not held.</summary>
    [ConformanceCase]
    public static void MustRenewNeedsTheLock(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        c.Io.LockExclusive(oid, "L", "ck", flags: RadosLockFlags.MustRenew);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.LockExclusive(oid, "M", "ck", flags: RadosLockFlags.MustRenew), "MustRenew of a lock not held");
        Check.Equal(0, c.Io.ListLockers(oid, "M").Lockers.Count, "holders of M");
    }

    /// <summary>MayRenew and MustRenew together are EINVAL; unknown flag bits are ignored.</summary>
    [ConformanceCase]
    public static void LockFlagEdges(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.Create(oid, exclusive: false);
        Check.Throws<StorageInvalidArgumentException>(
            Errno.EINVAL, () => c.Io.LockExclusive(oid, "L", "ck", flags: RadosLockFlags.MayRenew | RadosLockFlags.MustRenew), "both renew flags");
        c.Io.LockExclusive(oid, "L", "ck", flags: (RadosLockFlags)4);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.LockExclusive(oid, "L", "ck", flags: (RadosLockFlags)4), "relock with only an unknown flag");
    }

    /// <summary>the same client with another cookie is another owner: EBUSY.</summary>
    [ConformanceCase]
    public static void OtherCookieIsBusy(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck1");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => c.Io.LockExclusive(oid, "L", "ck2"), "lock with another cookie");
    }

    /// <summary>another client cannot take a held exclusive lock, exclusively or shared, even with the same cookie.</summary>
    [ConformanceCase]
    public static void OtherClientIsBusy(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        using IRadosIoContext other = OpenLike(c, c.NewClient());
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => other.LockExclusive(oid, "L", "ck"), "exclusive by another client");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => other.LockShared(oid, "L", "ck", ""), "shared by another client");
    }

    /// <summary>an exclusive lock cannot join a shared one.</summary>
    [ConformanceCase]
    public static void ExclusiveOnSharedIsBusy(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockShared(oid, "L", "a", "tag");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => c.Io.LockExclusive(oid, "L", "b"), "exclusive on a shared lock");
    }

    /// <summary>holders with the same tag share the lock; list_lockers shows all of them, not exclusive, with the tag.</summary>
    [ConformanceCase]
    public static void SharedHoldersWithSameTag(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        IRadosClient second = c.NewClient();
        using IRadosIoContext other = OpenLike(c, second);
        c.Io.LockShared(oid, "S", "a", "tag1", "da");
        other.LockShared(oid, "S", "b", "tag1", "db");
        RadosLockInfo info = c.Io.ListLockers(oid, "S");
        Check.True(!info.Exclusive, "not exclusive");
        Check.Equal("tag1", info.Tag, "tag");
        Check.Sequence(
            new[] { $"{ClientName(c.Client)}/a", $"{ClientName(second)}/b" }.Order(StringComparer.Ordinal),
            info.Lockers.Select(l => $"{l.Client}/{l.Cookie}").Order(StringComparer.Ordinal),
            "holders");
    }

    /// <summary>a shared lock with another tag is EBUSY, also for a current holder.</summary>
    [ConformanceCase]
    public static void SharedWithOtherTagIsBusy(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockShared(oid, "S", "a", "tag1");
        using IRadosIoContext other = OpenLike(c, c.NewClient());
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => other.LockShared(oid, "S", "c", "tag2"), "another tag");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => c.Io.LockShared(oid, "S", "a", "tag2", flags: RadosLockFlags.MayRenew), "the holder with another tag");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.LockShared(oid, "S", "a", "tag1"), "the holder again");
    }

    /// <summary>a released shared lock keeps its tag in list_lockers, but any tag may take it.</summary>
    [ConformanceCase]
    public static void ReleasedSharedLockTakesAnyTag(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockShared(oid, "S", "a", "tag1");
        c.Io.Unlock(oid, "S", "a");
        RadosLockInfo released = c.Io.ListLockers(oid, "S");
        Check.Equal(0, released.Lockers.Count, "holders");
        Check.Equal("tag1", released.Tag, "tag of the released lock");
        Check.True(!released.Exclusive, "not exclusive");
        c.Io.LockShared(oid, "S", "b", "tag2");
        Check.Equal("tag2", c.Io.ListLockers(oid, "S").Tag, "new tag");
        c.Io.Unlock(oid, "S", "b");
        c.Io.LockExclusive(oid, "S", "c");
        Check.True(c.Io.ListLockers(oid, "S").Exclusive, "now exclusive");
    }

    /// <summary>an empty lock name is EINVAL; an empty cookie is a cookie like any other.</summary>
    [ConformanceCase]
    public static void LockNameAndCookieEdges(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.Create(oid, exclusive: false);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.LockExclusive(oid, "", "ck"), "exclusive with an empty name");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.LockShared(oid, "", "ck", "t"), "shared with an empty name");
        c.Io.LockExclusive(oid, "L", "");
        Check.Sequence([""], c.Io.ListLockers(oid, "L").Lockers.Select(l => l.Cookie), "cookies");
        c.Io.Unlock(oid, "L", "");
        Check.Equal(0, c.Io.ListLockers(oid, "L").Lockers.Count, "holders after unlock");
    }

    /// <summary>unlock releases the lock; the lock stays exclusive with no holders and its xattr stays.</summary>
    [ConformanceCase]
    public static void UnlockReleases(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        c.Io.Unlock(oid, "L", "ck");
        RadosLockInfo info = c.Io.ListLockers(oid, "L");
        Check.Equal(0, info.Lockers.Count, "holders");
        Check.True(info.Exclusive, "still exclusive");
        Check.True(c.Io.GetXattrs(oid).ContainsKey("lock.L"), "the xattr stays");
        using IRadosIoContext other = OpenLike(c, c.NewClient());
        other.LockExclusive(oid, "L", "ck");
    }

    /// <summary>unlock of a lock not held is ENOENT: absent lock, wrong cookie, another client, twice, missing object.</summary>
    [ConformanceCase]
    public static void UnlockNotHeldIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        using IRadosIoContext other = OpenLike(c, c.NewClient());
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Unlock(oid, "absent", "ck"), "unlock of an absent lock");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Unlock(oid, "L", "other"), "unlock with the wrong cookie");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => other.Unlock(oid, "L", "ck"), "unlock by another client");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Unlock(c.NewObjectName(), "L", "ck"), "unlock on a missing object");
        c.Io.Unlock(oid, "L", "ck");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Unlock(oid, "L", "ck"), "second unlock");
    }

    /// <summary>break_lock releases another client's hold; breaking it again is ENOENT.</summary>
    [ConformanceCase]
    public static void BreakLockReleasesOtherHolder(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        IRadosClient holder = c.NewClient();
        using IRadosIoContext holderIo = OpenLike(c, holder);
        holderIo.LockExclusive(oid, "L", "theirs");
        c.Io.BreakLock(oid, "L", ClientName(holder), "theirs");
        Check.Equal(0, c.Io.ListLockers(oid, "L").Lockers.Count, "holders after the break");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.BreakLock(oid, "L", ClientName(holder), "theirs"), "second break");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => holderIo.Unlock(oid, "L", "theirs"), "the broken holder's unlock");
        c.Io.LockExclusive(oid, "L", "mine");
    }

    /// <summary>break_lock of a holder that does not hold the lock is ENOENT, also on a missing object.</summary>
    [ConformanceCase]
    public static void BreakLockOfNonHolderIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.BreakLock(oid, "L", "client.999999", "ck"), "an unknown client");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.BreakLock(oid, "L", "osd.0", "ck"), "an OSD");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.BreakLock(oid, "L", ClientName(c.Client), "other"), "the wrong cookie");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.BreakLock(c.NewObjectName(), "L", ClientName(c.Client), "ck"), "a missing object");
        Check.Equal(1, c.Io.ListLockers(oid, "L").Lockers.Count, "the holder stays");
    }

    /// <summary>break_lock with a client that is no entity name is EINVAL.</summary>
    [ConformanceCase]
    public static void BreakLockUnparsableClientIsInvalid(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck");
        foreach (string client in new[] { "bogus", "", "client.", "client.12x", "client. 5", "4123" })
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.BreakLock(oid, "L", client, "ck"), $"client '{client}'");
        }
    }

    /// <summary>a lock never taken lists as not exclusive, no tag, no holders; a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void ListLockersOfUnusedLock(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("x"));
        RadosLockInfo info = c.Io.ListLockers(oid, "never");
        Check.True(!info.Exclusive, "not exclusive");
        Check.Equal("", info.Tag, "tag");
        Check.Equal(0, info.Lockers.Count, "holders");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.ListLockers(c.NewObjectName(), "L"), "list_lockers on a missing object");
    }

    /// <summary>many shared holders list back completely (the native buffers grow).</summary>
    [ConformanceCase]
    public static void ManySharedHolders(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var cookies = Enumerable.Range(0, 120).Select(i => $"cookie-with-a-long-name-{i:D3}").ToList();
        foreach (string cookie in cookies)
        {
            c.Io.LockShared(oid, "S", cookie, "many-holders-tag");
        }

        RadosLockInfo info = c.Io.ListLockers(oid, "S");
        Check.Sequence(cookies, info.Lockers.Select(l => l.Cookie).Order(StringComparer.Ordinal), "cookies");
    }

    /// <summary>a lock with a duration expires: afterwards others may take it, and it no longer lists.</summary>
    [ConformanceCase]
    public static void LockExpires(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck", duration: TimeSpan.FromSeconds(2));
        using IRadosIoContext other = OpenLike(c, c.NewClient());
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => other.LockExclusive(oid, "L", "ck"), "before expiry");
        c.Session.Elapse(TimeSpan.FromSeconds(2.5));
        Check.Equal(0, c.Io.ListLockers(oid, "L").Lockers.Count, "holders after expiry");
        other.LockExclusive(oid, "L", "ck");
    }

    /// <summary>after expiry, unlock and MustRenew are ENOENT, and a plain relock works.</summary>
    [ConformanceCase]
    public static void ExpiredLockIsNotHeld(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "A", "ck", duration: TimeSpan.FromSeconds(1));
        c.Io.LockExclusive(oid, "B", "ck", duration: TimeSpan.FromSeconds(1));
        c.Io.LockExclusive(oid, "C", "ck", duration: TimeSpan.FromSeconds(1));
        c.Session.Elapse(TimeSpan.FromSeconds(1.5));
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Unlock(oid, "A", "ck"), "unlock after expiry");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.LockExclusive(oid, "B", "ck", flags: RadosLockFlags.MustRenew), "MustRenew after expiry");
        c.Io.LockExclusive(oid, "C", "ck");
        Check.Equal(1, c.Io.ListLockers(oid, "C").Lockers.Count, "relocked");
    }

    /// <summary>renewing with a new duration extends the lock.</summary>
    [ConformanceCase]
    public static void RenewExtendsDuration(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "L", "ck", duration: TimeSpan.FromSeconds(1.5));
        c.Session.Elapse(TimeSpan.FromSeconds(1));
        c.Io.LockExclusive(oid, "L", "ck", duration: TimeSpan.FromSeconds(3), flags: RadosLockFlags.MayRenew);
        c.Session.Elapse(TimeSpan.FromSeconds(1));
        Check.Equal(1, c.Io.ListLockers(oid, "L").Lockers.Count, "held past the first duration");
    }

    /// <summary>durations below a second work; zero means for ever.</summary>
    [ConformanceCase]
    public static void SubSecondAndZeroDurations(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.LockExclusive(oid, "short", "ck", duration: TimeSpan.FromMilliseconds(400));
        c.Io.LockExclusive(oid, "forever", "ck", duration: TimeSpan.Zero);
        c.Io.LockShared(oid, "shared", "ck", "t", duration: TimeSpan.FromMilliseconds(400));
        Check.Equal(1, c.Io.ListLockers(oid, "short").Lockers.Count, "short lock right away");
        c.Session.Elapse(TimeSpan.FromSeconds(1));
        Check.Equal(0, c.Io.ListLockers(oid, "short").Lockers.Count, "short lock after 1 s");
        Check.Equal(0, c.Io.ListLockers(oid, "shared").Lockers.Count, "short shared lock after 1 s");
        Check.Equal(1, c.Io.ListLockers(oid, "forever").Lockers.Count, "zero-duration lock after 1 s");
    }

    /// <summary>a negative duration is rejected before any I/O; null names too.</summary>
    [ConformanceCase]
    public static void LockArgumentErrors(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.LockExclusive(oid, "L", "ck", duration: TimeSpan.FromSeconds(-1)), "negative duration");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.LockExclusive(oid, null!, "ck"), "null name");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.LockShared(oid, "L", "ck", null!), "null tag");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.BreakLock(oid, "L", null!, "ck"), "null client");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.Unlock(oid, "L\0x", "ck"), "NUL in the name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Stat(oid), "nothing was created");
    }

    /// <summary>a lock xattr that does not decode makes the lock calls EIO.</summary>
    [ConformanceCase]
    public static void CorruptLockXattrIsIoError(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetXattr(oid, "lock.L", Bytes.Of("not a lock"));
        Check.Throws<StorageException>(Errno.EIO, () => c.Io.ListLockers(oid, "L"), "list_lockers");
        Check.Throws<StorageException>(Errno.EIO, () => c.Io.LockExclusive(oid, "L", "ck"), "lock_exclusive");
        Check.Throws<StorageException>(Errno.EIO, () => c.Io.Unlock(oid, "L", "ck"), "unlock");
        Check.Bytes(Bytes.Of("not a lock"), c.Io.GetXattr(oid, "lock.L"), "the xattr is untouched");
    }

    /// <summary>locks after the client shut down are ENOTCONN.</summary>
    [ConformanceCase]
    public static void LocksAfterShutdownAreNotConnected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient();
        IRadosIoContext io = OpenLike(c, client);
        client.Shutdown();
        string oid = c.NewObjectName();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.LockExclusive(oid, "L", "ck"), "lock_exclusive");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.ListLockers(oid, "L"), "list_lockers");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.BreakLock(oid, "L", "client.1", "ck"), "break_lock");
    }

    internal static string ClientName(IRadosClient client) => string.Create(CultureInfo.InvariantCulture, $"client.{client.GetInstanceId()}");

    internal static IRadosIoContext OpenLike(RadosCaseContext c, IRadosClient client)
    {
        IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        return io;
    }
}
