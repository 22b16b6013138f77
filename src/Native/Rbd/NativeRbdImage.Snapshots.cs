using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

// Placeholder until the snapshots area lands.
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public string? CurrentSnapshotName => throw new NotImplementedException();

    /// <inheritdoc />
    public void CreateSnapshot(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public IReadOnlyList<RbdSnapshotInfo> ListSnapshots() => throw new NotImplementedException();

    /// <inheritdoc />
    public void RemoveSnapshot(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public void RemoveSnapshot(ulong snapshotId) => throw new NotImplementedException();

    /// <inheritdoc />
    public void RenameSnapshot(string sourceName, string destinationName) => throw new NotImplementedException();

    /// <inheritdoc />
    public void ProtectSnapshot(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public void UnprotectSnapshot(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public bool IsSnapshotProtected(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public bool SnapshotExists(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public ulong GetSnapshotId(string snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public string GetSnapshotName(ulong snapshotId) => throw new NotImplementedException();

    /// <inheritdoc />
    public DateTimeOffset GetSnapshotTimestamp(ulong snapshotId) => throw new NotImplementedException();

    /// <inheritdoc />
    public RbdSnapshotNamespaceType GetSnapshotNamespaceType(ulong snapshotId) => throw new NotImplementedException();

    /// <inheritdoc />
    public void RollbackSnapshot(string snapshotName, IProgress<RbdProgress>? progress) => throw new NotImplementedException();

    /// <inheritdoc />
    public void SetSnapshot(string? snapshotName) => throw new NotImplementedException();

    /// <inheritdoc />
    public void SetSnapshot(ulong? snapshotId) => throw new NotImplementedException();

    /// <inheritdoc />
    public ulong GetSnapshotLimit() => throw new NotImplementedException();

    /// <inheritdoc />
    public void SetSnapshotLimit(ulong limit) => throw new NotImplementedException();
}
