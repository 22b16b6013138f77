using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// The exclusive-lock feature's lock driven by hand, and the advisory image locks, as librbd 16 does them
/// (measured): both are the RADOS lock <c>rbd_lock</c> on the header. A lock taken by <c>rbd_lock_acquire</c> is
/// not handed over: other handles' writes and acquires are EROFS until it is released. Advisory lock changes
/// notify the header like librbd's <c>notify_update</c>. librbd 16 also blocklists the client whose advisory lock
/// it breaks; the emulator does not blocklist.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <summary>Whether this handle took the exclusive lock by <c>rbd_lock_acquire</c>; guarded by <c>_headerGate</c>.</summary>
    private bool _lockedByHand;

    /// <summary>Set by the first <c>rbd_lock_acquire</c> (librbd's standard lock policy): from then on the handle never takes the lock by itself.</summary>
    private bool _manualLockPolicy;

    /// <summary>
    /// The lockers as the handle last read the header, as librbd's <c>ImageCtx::lockers</c>: read at open and again
    /// after a header update (its own or one notified), null when due for a reread; guarded by <c>_updateWatchesGate</c>.
    /// </summary>
    private RadosLockInfo? _lockers = ReadLockersAtOpen(io, id);

    /// <inheritdoc />
    public void AcquireLock(RbdLockMode mode)
    {
        const string op = "rbd_lock_acquire";
        var header = Header(op);
        if (mode != RbdLockMode.Exclusive)
        {
            throw StorageErrors.Create(Errno.EOPNOTSUPP, op, Name);
        }

        CheckLockFeature(header, op);
        lock (_headerGate)
        {
            // librbd switches the policy before trying, so a refused acquire leaves it switched too.
            _manualLockPolicy = true;
            if (_ownedLock is null)
            {
                AcquireExclusiveLock(header, op, byHand: true);
            }

            _lockedByHand = _ownedLock is not null;
        }
    }

    /// <inheritdoc />
    public void ReleaseLock()
    {
        const string op = "rbd_lock_release";
        var header = Header(op);
        CheckLockFeature(header, op);
        lock (_headerGate)
        {
            if (_ownedLock is null)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            ReleaseExclusiveLockLocked();
        }
    }

    /// <inheritdoc />
    public RbdLockOwners GetLockOwners()
    {
        const string op = "rbd_lock_get_owners";
        var header = Header(op);
        CheckLockFeature(header, op);
        return new RbdLockOwners(RbdLockMode.Exclusive, [FeatureLockOwner(op).Address]);
    }

    /// <inheritdoc />
    public bool IsExclusiveLockOwner
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            lock (_headerGate)
            {
                return _ownedLock is not null;
            }
        }
    }

    /// <inheritdoc />
    public void BreakLock(RbdLockMode mode, string owner)
    {
        const string op = "rbd_lock_break";
        RbdArguments.Text(owner, nameof(owner));
        var header = Header(op);
        if (mode != RbdLockMode.Exclusive)
        {
            throw StorageErrors.Create(Errno.EOPNOTSUPP, op, Name);
        }

        if (OpenedReadOnly)
        {
            throw StorageErrors.Create(Errno.EROFS, op, Name);
        }

        CheckLockFeature(header, op);
        lock (_headerGate)
        {
            var locker = FeatureLockOwner(op);
            if (locker.Address != owner)
            {
                throw StorageErrors.Create(Errno.EBUSY, op, Name);
            }

            var key = (((EmulatedRadosIoContext)io).PoolIdentity, io.Namespace, RbdLayout.Header(id));
            if (_lockOwners.TryGetValue(key, out var holder))
            {
                // The holder learns it lost the lock.
                holder._ownedLock = null;
                holder._lockedByHand = false;
                _lockOwners.Remove(key);
            }

            Rbd(op, () => io.BreakLock(RbdLayout.Header(id), LockName, locker.Client, locker.Cookie));
        }
    }

    /// <inheritdoc />
    public void LockExclusive(string cookie)
    {
        const string op = "rbd_lock_exclusive";
        RbdArguments.Text(cookie, nameof(cookie));
        Header(op);
        Rbd(op, () => io.LockExclusive(RbdLayout.Header(id), LockName, cookie));
        NotifyUpdate();
    }

    /// <inheritdoc />
    public void LockShared(string cookie, string tag)
    {
        const string op = "rbd_lock_shared";
        RbdArguments.Text(cookie, nameof(cookie));
        RbdArguments.Text(tag, nameof(tag));
        Header(op);
        Rbd(op, () => io.LockShared(RbdLayout.Header(id), LockName, cookie, tag));
        NotifyUpdate();
    }

    /// <inheritdoc />
    public void Unlock(string cookie)
    {
        const string op = "rbd_unlock";
        RbdArguments.Text(cookie, nameof(cookie));
        Header(op);
        Rbd(op, () => io.Unlock(RbdLayout.Header(id), LockName, cookie));
        NotifyUpdate();
    }

    /// <inheritdoc />
    public void BreakLock(string client, string cookie)
    {
        const string op = "rbd_break_lock";
        RbdArguments.Text(client, nameof(client));
        RbdArguments.Text(cookie, nameof(cookie));
        Header(op);
        Rbd(op, () => io.BreakLock(RbdLayout.Header(id), LockName, client, cookie));
        NotifyUpdate();
    }

    /// <inheritdoc />
    public RbdLockers ListLockers()
    {
        const string op = "rbd_list_lockers";
        Header(op);
        RadosLockInfo? info;
        lock (_updateWatchesGate)
        {
            info = _lockers;
        }

        if (info is null)
        {
            Rbd(op, () => info = io.ListLockers(RbdLayout.Header(id), LockName));
            lock (_updateWatchesGate)
            {
                _lockers ??= info;
            }
        }

        return new RbdLockers(info!.Exclusive, info.Tag, [.. info.Lockers.Select(l => new RbdLocker(l.Client, l.Cookie, LegacyAddress(l.Address)))]);
    }

    private static RadosLockInfo? ReadLockersAtOpen(IRadosIoContext io, string id)
    {
        try
        {
            return io.ListLockers(RbdLayout.Header(id), LockName);
        }
        catch (StorageException)
        {
            // Read on first use instead.
            return null;
        }
    }

    /// <summary>librbd has no exclusive lock on images without the feature, nor on read-only handles: EINVAL.</summary>
    private void CheckLockFeature(EmulatedRbdHeader header, string operation)
    {
        if (((RbdFeatures)header.Features & RbdFeatures.ExclusiveLock) == 0 || OpenedReadOnly)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, Name);
        }
    }

    /// <summary>
    /// librbd's <c>GetLockerRequest</c>: ENOENT without a holder; EBUSY when the lock is not the feature's
    /// (shared, another tag, a cookie other than <c>auto &lt;id&gt;</c>).
    /// </summary>
    private RbdLocker FeatureLockOwner(string operation)
    {
        RadosLockInfo info = default!;
        Rbd(operation, () => info = io.ListLockers(RbdLayout.Header(id), LockName));
        if (info.Lockers.Count == 0)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, Name);
        }

        var locker = info.Lockers[0];
        if (!info.Exclusive || info.Tag != "internal" || !locker.Cookie.StartsWith("auto ", StringComparison.Ordinal))
        {
            throw StorageErrors.Create(Errno.EBUSY, operation, Name);
        }

        return new RbdLocker(locker.Client, locker.Cookie, LegacyAddress(locker.Address));
    }

    /// <summary>librbd shows lock holders' addresses in the legacy form, without the <c>v1:</c> prefix.</summary>
    private static string LegacyAddress(string address) => address.StartsWith("v1:", StringComparison.Ordinal) ? address[3..] : address;

    /// <summary>Runs a RADOS call on the header, reporting its errors as the librbd call's.</summary>
    private void Rbd(string operation, Action call)
    {
        try
        {
            call();
        }
        catch (StorageException ex)
        {
            throw StorageErrors.Create(ex.Errno, operation, Name);
        }
    }
}
