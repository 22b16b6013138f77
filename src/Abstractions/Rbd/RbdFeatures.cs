namespace StorageKit.Rbd;

/// <summary>Image features (<c>RBD_FEATURE_*</c> in <c>rbd/features.h</c>), stored in the image header.</summary>
[Flags]
public enum RbdFeatures : ulong
{
    /// <summary>No feature.</summary>
    None = 0,

    /// <summary>Clones may be made from the image's snapshots (<c>layering</c>).</summary>
    Layering = 1UL << 0,

    /// <summary>Fancy striping with a stripe unit and count (<c>striping</c>).</summary>
    StripingV2 = 1UL << 1,

    /// <summary>One client writes at a time (<c>exclusive-lock</c>).</summary>
    ExclusiveLock = 1UL << 2,

    /// <summary>A map of which objects exist (<c>object-map</c>, needs exclusive-lock).</summary>
    ObjectMap = 1UL << 3,

    /// <summary>Diffs from the object map (<c>fast-diff</c>, needs object-map).</summary>
    FastDiff = 1UL << 4,

    /// <summary>Flattening also flattens the clone's snapshots (<c>deep-flatten</c>).</summary>
    DeepFlatten = 1UL << 5,

    /// <summary>Writes are journaled (<c>journaling</c>, needs exclusive-lock).</summary>
    Journaling = 1UL << 6,

    /// <summary>Data objects live in a separate pool (<c>data-pool</c>).</summary>
    DataPool = 1UL << 7,

    /// <summary>The image has operation features (<c>operations</c>), see <see cref="RbdOperationFeatures"/>.</summary>
    Operations = 1UL << 8,

    /// <summary>The image is being migrated (<c>migrating</c>).</summary>
    Migrating = 1UL << 9,

    /// <summary>The image is a non-primary mirror (<c>non-primary</c>).</summary>
    NonPrimary = 1UL << 10,

    /// <summary>A persistent write-back cache holds dirty data (<c>dirty-cache</c>).</summary>
    DirtyCache = 1UL << 11,
}

/// <summary>Image flags (<c>RBD_FLAG_*</c>): state librbd records in the header.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "librbd calls them flags (rbd_get_flags).")]
public enum RbdImageFlags : ulong
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The object map must be rebuilt (<c>RBD_FLAG_OBJECT_MAP_INVALID</c>).</summary>
    ObjectMapInvalid = 1UL << 0,

    /// <summary>The fast-diff data must be rebuilt (<c>RBD_FLAG_FAST_DIFF_INVALID</c>).</summary>
    FastDiffInvalid = 1UL << 1,
}

/// <summary>Operation features (<c>RBD_OPERATION_FEATURE_*</c>): what older clients must not touch.</summary>
[Flags]
public enum RbdOperationFeatures : ulong
{
    /// <summary>No operation feature.</summary>
    None = 0,

    /// <summary>Clone v2: the image has clone-format-2 children or is one (<c>clone-parent</c>).</summary>
    CloneParent = 1UL << 0,

    /// <summary>The image is a clone-format-2 child (<c>clone-child</c>).</summary>
    CloneChild = 1UL << 1,

    /// <summary>The image is in a group (<c>group</c>).</summary>
    Group = 1UL << 2,

    /// <summary>Snapshots may sit in the trash namespace (<c>snap-trash</c>).</summary>
    SnapshotTrash = 1UL << 3,
}
