using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

// Placeholder until the diff area lands.
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public IReadOnlyList<RbdDiffExtent> Diff(string? fromSnapshotName, long offset, long length, bool includeParent, bool wholeObject) => throw new NotImplementedException();
}
