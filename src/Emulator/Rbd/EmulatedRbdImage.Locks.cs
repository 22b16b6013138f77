using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

internal sealed partial class EmulatedRbdImage
{
    public void AcquireLock(RbdLockMode mode) => throw new NotImplementedException();
    public void ReleaseLock() => throw new NotImplementedException();
    public RbdLockOwners GetLockOwners() => throw new NotImplementedException();
    public bool IsExclusiveLockOwner => throw new NotImplementedException();
    public void BreakLock(RbdLockMode mode, string owner) => throw new NotImplementedException();
    public void LockExclusive(string cookie) => throw new NotImplementedException();
    public void LockShared(string cookie, string tag) => throw new NotImplementedException();
    public void Unlock(string cookie) => throw new NotImplementedException();
    public void BreakLock(string client, string cookie) => throw new NotImplementedException();
    public RbdLockers ListLockers() => throw new NotImplementedException();
    public IReadOnlyList<RbdWatcher> ListWatchers() => throw new NotImplementedException();
    public IDisposable WatchUpdates(Action callback) => throw new NotImplementedException();
    public Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task DiscardAsync(long offset, long length, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task WriteZeroesAsync(long offset, long length, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task FlushAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public void InvalidateCache() => throw new NotImplementedException();
    public void Sparsify(long sparseSize, IProgress<RbdProgress>? progress = null) => throw new NotImplementedException();
    public void RebuildObjectMap(IProgress<RbdProgress>? progress = null) => throw new NotImplementedException();
}
