namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>The image's features (<c>rbd_get_features</c>).</summary>
    RbdFeatures Features { get; }

    /// <summary>Enables or disables features on a format 2 image (<c>rbd_update_features</c>).</summary>
    void UpdateFeatures(RbdFeatures features, bool enabled);

    /// <summary>The image's flags (<c>rbd_get_flags</c>).</summary>
    RbdImageFlags Flags { get; }

    /// <summary>The image's operation features (<c>rbd_get_op_features</c>).</summary>
    RbdOperationFeatures OperationFeatures { get; }

    /// <summary>Whether the image is format 1 (<c>rbd_get_old_format</c>).</summary>
    bool IsOldFormat { get; }

    /// <summary>The stripe unit in bytes (<c>rbd_get_stripe_unit</c>).</summary>
    long StripeUnit { get; }

    /// <summary>How many objects a stripe spans (<c>rbd_get_stripe_count</c>).</summary>
    long StripeCount { get; }
}
