namespace StorageKit.Rbd;

/// <summary>
/// The RBD images of one RADOS io context (pool and namespace), like python's <c>rbd.RBD</c> bound to an
/// <c>ioctx</c>. Obtained per implementation: <c>NativeRbd.For(io)</c> or <c>EmulatedRbd.For(io)</c>.
/// </summary>
public interface IRbdClient
{
    /// <summary>
    /// Creates a format 2 image of <paramref name="size"/> bytes with the layering feature only, objects of
    /// 2^<paramref name="order"/> bytes (librbd's default, 22, when null) (<c>rbd_create2</c>).
    /// </summary>
    void Create(string name, long size, int? order = null);

    /// <summary>The names of the images in this pool and namespace (<c>rbd_list</c>).</summary>
    IReadOnlyList<string> List();

    /// <summary>Removes an image and its data objects (<c>rbd_remove</c>).</summary>
    void Remove(string name);

    /// <summary>Renames an image (<c>rbd_rename</c>).</summary>
    void Rename(string sourceName, string destinationName);

    /// <summary>Opens an image for reading and writing at its head (<c>rbd_open</c>).</summary>
    IRbdImage Open(string name);
}
