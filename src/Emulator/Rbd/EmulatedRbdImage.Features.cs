using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

// Placeholder until the features area lands.
internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public RbdFeatures Features => throw new NotImplementedException();

    /// <inheritdoc />
    public void UpdateFeatures(RbdFeatures features, bool enabled) => throw new NotImplementedException();

    /// <inheritdoc />
    public RbdImageFlags Flags => throw new NotImplementedException();

    /// <inheritdoc />
    public RbdOperationFeatures OperationFeatures => throw new NotImplementedException();

    /// <inheritdoc />
    public bool IsOldFormat => throw new NotImplementedException();

    /// <inheritdoc />
    public long StripeUnit => throw new NotImplementedException();

    /// <inheritdoc />
    public long StripeCount => throw new NotImplementedException();
}
