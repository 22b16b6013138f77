namespace StorageKit.Rbd;

/// <summary>
/// How to lay out a new image (librbd's <c>rbd_image_options_t</c>, python's keyword arguments of
/// <c>RBD.create</c>/<c>clone</c>/<c>Image.copy</c>). Anything left null takes librbd's default.
/// </summary>
public sealed record RbdImageOptions
{
    /// <summary>Image format: 2 (default) or 1, the deprecated old format (<c>RBD_IMAGE_OPTION_FORMAT</c>).</summary>
    public int? Format { get; init; }

    /// <summary>Features of a format 2 image (<c>RBD_IMAGE_OPTION_FEATURES</c>); null: layering only.</summary>
    public RbdFeatures? Features { get; init; }

    /// <summary>log2 of the object size, 12..25 (<c>RBD_IMAGE_OPTION_ORDER</c>); null or 0: 22.</summary>
    public int? Order { get; init; }

    /// <summary>Stripe unit in bytes (<c>RBD_IMAGE_OPTION_STRIPE_UNIT</c>); null: the object size.</summary>
    public long? StripeUnit { get; init; }

    /// <summary>Objects a stripe spans (<c>RBD_IMAGE_OPTION_STRIPE_COUNT</c>); null: 1.</summary>
    public long? StripeCount { get; init; }

    /// <summary>
    /// Clone format for <see cref="IRbdClient.Clone"/> (<c>RBD_IMAGE_OPTION_CLONE_FORMAT</c>): 1 needs a protected
    /// snapshot, 2 does not; null: librbd's <c>rbd_default_clone_format</c> (<c>auto</c>: 2 only when the cluster
    /// requires mimic clients or newer, else 1).
    /// </summary>
    public int? CloneFormat { get; init; }
}

/// <summary>How far a long operation (resize, rollback, flatten, copy) has come: <paramref name="Done"/> of <paramref name="Total"/> units.</summary>
/// <param name="Done">Units done (librbd counts objects).</param>
/// <param name="Total">Units in all.</param>
public readonly record struct RbdProgress(long Done, long Total);
