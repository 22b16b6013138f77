using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Features, flags and layout of the image.</summary>
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public RbdFeatures Features
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_features(lease.Handle, out ulong features), "rbd_get_features", Name);
            return (RbdFeatures)features;
        }
    }

    /// <inheritdoc />
    public void UpdateFeatures(RbdFeatures features, bool enabled)
    {
        using var lease = Use();
        RadosCall.Check(Interop.Rbd.rbd_update_features(lease.Handle, (ulong)features, enabled ? (byte)1 : (byte)0), "rbd_update_features", Name);
    }

    /// <inheritdoc />
    public RbdImageFlags Flags
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_flags(lease.Handle, out ulong flags), "rbd_get_flags", Name);
            return (RbdImageFlags)flags;
        }
    }

    /// <inheritdoc />
    public RbdOperationFeatures OperationFeatures
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_op_features(lease.Handle, out ulong operationFeatures), "rbd_get_op_features", Name);
            return (RbdOperationFeatures)operationFeatures;
        }
    }

    /// <inheritdoc />
    public bool IsOldFormat
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_old_format(lease.Handle, out byte oldFormat), "rbd_get_old_format", Name);
            return oldFormat != 0;
        }
    }

    /// <inheritdoc />
    public long StripeUnit
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_stripe_unit(lease.Handle, out ulong stripeUnit), "rbd_get_stripe_unit", Name);
            return checked((long)stripeUnit);
        }
    }

    /// <inheritdoc />
    public long StripeCount
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_stripe_count(lease.Handle, out ulong stripeCount), "rbd_get_stripe_count", Name);
            return checked((long)stripeCount);
        }
    }
}
