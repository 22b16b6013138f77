using StorageKit.Rados;

namespace StorageKit.Rbd;

/// <summary>
/// The RBD images of one RADOS io context (pool and namespace), like python's <c>rbd.RBD</c> bound to an
/// <c>ioctx</c>. Obtained per implementation: <c>NativeRbd.For(io)</c> or <c>EmulatedRbd.For(io)</c>.
/// </summary>
public partial interface IRbdClient
{
    /// <summary>The io context the client works in.</summary>
    IRadosIoContext IoContext { get; }

    /// <summary>
    /// Creates a format 2 image of <paramref name="size"/> bytes with the layering feature only, objects of
    /// 2^<paramref name="order"/> bytes (librbd's default, 22, when null) (<c>rbd_create2</c>).
    /// </summary>
    void Create(string name, long size, int? order = null);

    /// <summary>Creates an image laid out as <paramref name="options"/> say (<c>rbd_create4</c>).</summary>
    void Create(string name, long size, RbdImageOptions options);

    /// <summary>The names of the images in this pool and namespace (<c>rbd_list</c>).</summary>
    IReadOnlyList<string> List();

    /// <summary>Removes an image and its data objects (<c>rbd_remove</c>); EBUSY while it has watchers, snapshots or children.</summary>
    void Remove(string name);

    /// <summary>Removes an image, reporting progress per object (<c>rbd_remove_with_progress</c>).</summary>
    void Remove(string name, IProgress<RbdProgress>? progress);

    /// <summary>Renames an image (<c>rbd_rename</c>).</summary>
    void Rename(string sourceName, string destinationName);

    /// <summary>Opens an image for reading and writing at its head (<c>rbd_open</c>).</summary>
    IRbdImage Open(string name);

    /// <summary>
    /// Opens an image at <paramref name="snapshotName"/> (null: the head), read-only when asked or when at a
    /// snapshot (<c>rbd_open</c> / <c>rbd_open_read_only</c>).
    /// </summary>
    IRbdImage Open(string name, string? snapshotName, bool readOnly);

    /// <summary>Opens an image by its id (<c>rbd_open_by_id</c> / <c>rbd_open_by_id_read_only</c>).</summary>
    IRbdImage OpenById(string id, string? snapshotName = null, bool readOnly = false);

    /// <summary>
    /// Clones snapshot <paramref name="parentSnapshotName"/> of image <paramref name="parentName"/> (in this
    /// client's pool) into a new image <paramref name="childName"/> in <paramref name="childIoContext"/>
    /// (null: this io context) (<c>rbd_clone3</c>). The parent needs the layering feature; with clone format 1
    /// the snapshot must be protected.
    /// </summary>
    void Clone(string parentName, string parentSnapshotName, string childName, RbdImageOptions? options = null, IRadosIoContext? childIoContext = null);
}
