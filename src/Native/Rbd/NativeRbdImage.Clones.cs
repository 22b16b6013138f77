using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

// Placeholder until the clones area lands.
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public RbdParentInfo? GetParent() => throw new NotImplementedException();

    /// <inheritdoc />
    public long Overlap => throw new NotImplementedException();

    /// <inheritdoc />
    public IReadOnlyList<RbdChildInfo> ListChildren() => throw new NotImplementedException();

    /// <inheritdoc />
    public void Flatten(IProgress<RbdProgress>? progress) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Copy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options, IProgress<RbdProgress>? progress) => throw new NotImplementedException();

    /// <inheritdoc />
    public void DeepCopy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options, IProgress<RbdProgress>? progress) => throw new NotImplementedException();
}
