namespace StorageKit.Rbd;

public partial interface IRbdClient
{
    /// <summary>
    /// Moves an image to the trash (<c>rbd_trash_move</c>): it leaves the image list and its name is free; it
    /// may not be removed from the trash without force for <paramref name="delay"/> (whole seconds).
    /// </summary>
    void MoveToTrash(string name, TimeSpan delay = default);

    /// <summary>The images in the trash of this pool and namespace (<c>rbd_trash_list</c>).</summary>
    IReadOnlyList<RbdTrashImageInfo> ListTrash();

    /// <summary>One image in the trash by id (<c>rbd_trash_get</c>).</summary>
    RbdTrashImageInfo GetTrash(string id);

    /// <summary>Moves an image back from the trash under <paramref name="name"/> ("": the name it had) (<c>rbd_trash_restore</c>).</summary>
    void RestoreFromTrash(string id, string name = "");

    /// <summary>
    /// Removes an image from the trash and deletes it, reporting progress per object
    /// (<c>rbd_trash_remove_with_progress</c>); before its deferment ends only with <paramref name="force"/>.
    /// </summary>
    void RemoveFromTrash(string id, bool force = false, IProgress<RbdProgress>? progress = null);

    /// <summary>
    /// Removes the trashed images whose deferment ended before <paramref name="expiresBefore"/>
    /// (<c>rbd_trash_purge_with_progress</c>; <paramref name="threshold"/> below 0 ignores pool fullness).
    /// </summary>
    void PurgeTrash(DateTimeOffset expiresBefore, float threshold = -1, IProgress<RbdProgress>? progress = null);
}
