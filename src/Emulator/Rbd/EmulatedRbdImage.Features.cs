using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>Features, flags and layout from the header omap; feature updates as librbd 16 validates them (measured).</summary>
internal sealed partial class EmulatedRbdImage
{
    /// <summary>What <c>rbd_update_features</c> may enable (<c>RBD_FEATURES_MUTABLE</c> minus the internal non-primary and dirty-cache).</summary>
    private const RbdFeatures Enableable = RbdFeatures.ExclusiveLock | RbdFeatures.ObjectMap | RbdFeatures.FastDiff | RbdFeatures.Journaling;

    /// <summary>What it may disable: the mutable features and deep-flatten (<c>RBD_FEATURES_DISABLE_ONLY</c>).</summary>
    private const RbdFeatures Disableable = Enableable | RbdFeatures.DeepFlatten;

    private const RbdImageFlags ObjectMapFlags = RbdImageFlags.ObjectMapInvalid | RbdImageFlags.FastDiffInvalid;

    /// <inheritdoc />
    public RbdFeatures Features => (RbdFeatures)Header("rbd_get_features").Features;

    /// <inheritdoc />
    public RbdImageFlags Flags => (RbdImageFlags)Header("rbd_get_flags").Flags;

    /// <inheritdoc />
    public RbdOperationFeatures OperationFeatures => (RbdOperationFeatures)Header("rbd_get_op_features").OperationFeatures;

    /// <inheritdoc />
    public bool IsOldFormat
    {
        get
        {
            // The emulator creates format 2 only, as librbd 16 does without RBD_FORCE_ALLOW_V1.
            Header("rbd_get_old_format");
            return false;
        }
    }

    /// <inheritdoc />
    public long StripeUnit => Header("rbd_get_stripe_unit").StripeUnit;

    /// <inheritdoc />
    public long StripeCount => Header("rbd_get_stripe_count").StripeCount;

    /// <inheritdoc />
    public void UpdateFeatures(RbdFeatures features, bool enabled)
    {
        const string operation = "rbd_update_features";
        lock (_headerGate)
        {
            UpdateFeaturesLocked(features, enabled, operation);
        }
    }

    private void UpdateFeaturesLocked(RbdFeatures features, bool enabled, string operation)
    {
        var header = Header(operation);
        EnsureWritable(operation);
        if ((features & (enabled ? Enableable : Disableable)) != features)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, Name);
        }

        // Object map and fast diff go together both ways.
        if ((features & (RbdFeatures.ObjectMap | RbdFeatures.FastDiff)) != 0)
        {
            features |= RbdFeatures.ObjectMap | RbdFeatures.FastDiff;
        }

        var current = (RbdFeatures)header.Features;
        if (features == 0 || (enabled ? (features & current) != 0 : (features & ~current) != 0))
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, Name);
        }

        var updated = enabled ? current | features : current & ~features;
        if ((updated & (RbdFeatures.ObjectMap | RbdFeatures.Journaling)) != 0 && (updated & RbdFeatures.ExclusiveLock) == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, Name);
        }

        AcquireExclusiveLock(header, operation);
        var values = new Dictionary<string, ReadOnlyMemory<byte>> { ["features"] = RbdLayout.EncodeUInt64((ulong)updated) };
        if ((features & RbdFeatures.ObjectMap) != 0)
        {
            // Enabling leaves the new object map marked invalid (to be rebuilt); disabling clears the marks.
            var flags = (RbdImageFlags)header.Flags;
            flags = enabled ? flags | ObjectMapFlags : flags & ~ObjectMapFlags;
            values["flags"] = RbdLayout.EncodeUInt64((ulong)flags);
        }

        io.SetOmap(RbdLayout.Header(id), values);
        if ((features & RbdFeatures.ObjectMap) != 0)
        {
            // A new map starts with every object nonexistent (and flagged invalid above); disabling drops it.
            if (enabled)
            {
                EmulatedRbdObjectMap.Create(io, id, header.ObjectCount);
            }
            else
            {
                EmulatedRbdObjectMap.RemoveIfExists(io, EmulatedRbdObjectMap.Name(id));
            }

            UpdateSnapshotObjectMaps(header, enabled);
        }
    }
}
