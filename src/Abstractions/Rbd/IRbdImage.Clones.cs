using StorageKit.Rados;

namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>The parent of a clone, or null when the image has none (<c>rbd_get_parent</c>, ENOENT mapped to null).</summary>
    RbdParentInfo? GetParent();

    /// <summary>How many bytes of the clone still read through from the parent (<c>rbd_get_overlap</c>).</summary>
    long Overlap { get; }

    /// <summary>The clones of the snapshot the handle is set to (<c>rbd_list_children3</c>).</summary>
    IReadOnlyList<RbdChildInfo> ListChildren();

    /// <summary>Copies the parent's data into the clone and detaches it (<c>rbd_flatten_with_progress</c>).</summary>
    void Flatten(IProgress<RbdProgress>? progress = null);

    /// <summary>
    /// Copies the image's data (at the snapshot set, or the head) into a new image <paramref name="destinationName"/>
    /// in <paramref name="destinationIoContext"/> (<c>rbd_copy_with_progress3</c>); no snapshots are copied.
    /// </summary>
    void Copy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options = null, IProgress<RbdProgress>? progress = null);

    /// <summary>Copies the image with its snapshots and parent link (<c>rbd_deep_copy_with_progress</c>).</summary>
    void DeepCopy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options = null, IProgress<RbdProgress>? progress = null);
}
