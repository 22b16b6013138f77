namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>
    /// The extents of [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) that
    /// changed between <paramref name="fromSnapshotName"/> (null: the image's creation) and the snapshot set (or
    /// the head), in order, exactly as <c>rbd_diff_iterate2</c> reports them: with <paramref name="includeParent"/>
    /// a clone's parent data counts as written; with <paramref name="wholeObject"/> whole objects are reported.
    /// </summary>
    IReadOnlyList<RbdDiffExtent> Diff(string? fromSnapshotName, long offset, long length, bool includeParent = true, bool wholeObject = false);
}
