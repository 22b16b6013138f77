using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

// Placeholder until the image options area lands.
internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public bool IsReadOnly => throw new NotImplementedException();

    /// <inheritdoc />
    public long WriteZeroes(long offset, long length) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Resize(long size, bool allowShrink, IProgress<RbdProgress>? progress) => throw new NotImplementedException();
}
