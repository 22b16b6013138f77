namespace StorageKit.Rbd;

/// <summary>Why an image sits in the trash (<c>rbd_trash_image_source_t</c>).</summary>
public enum RbdTrashImageSource
{
    /// <summary>Moved there by a user (<c>RBD_TRASH_IMAGE_SOURCE_USER</c>).</summary>
    User = 0,

    /// <summary>Moved there by mirroring (<c>RBD_TRASH_IMAGE_SOURCE_MIRRORING</c>).</summary>
    Mirroring = 1,

    /// <summary>The source of a migration (<c>RBD_TRASH_IMAGE_SOURCE_MIGRATION</c>).</summary>
    Migration = 2,

    /// <summary>Being removed (<c>RBD_TRASH_IMAGE_SOURCE_REMOVING</c>).</summary>
    Removing = 3,

    /// <summary>A parent moved there by a user while clones still need it (<c>RBD_TRASH_IMAGE_SOURCE_USER_PARENT</c>).</summary>
    UserParent = 4,
}

/// <summary>One image in the trash (<c>rbd_trash_image_info_t</c>).</summary>
/// <param name="Id">The image id (what restore and remove take).</param>
/// <param name="Name">The name the image had.</param>
/// <param name="Source">Why it is in the trash.</param>
/// <param name="DeletionTime">When it was moved there (whole seconds).</param>
/// <param name="DefermentEndTime">Until when it may not be removed without force (whole seconds).</param>
public sealed record RbdTrashImageInfo(string Id, string Name, RbdTrashImageSource Source, DateTimeOffset DeletionTime, DateTimeOffset DefermentEndTime);
