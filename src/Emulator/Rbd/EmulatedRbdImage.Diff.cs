using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

// Placeholder until the diff area lands.
internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public IReadOnlyList<RbdDiffExtent> Diff(string? fromSnapshotName, long offset, long length, bool includeParent, bool wholeObject) => throw new NotImplementedException();
}
