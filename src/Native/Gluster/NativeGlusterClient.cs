using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>GlusterFS through libgfapi (<c>libgfapi.so.0</c>): every volume handle is its own <c>glfs_t</c>.</summary>
public sealed class NativeGlusterClient : IGlusterClient
{
    /// <inheritdoc />
    public IGlusterVolume OpenVolume(GlusterVolumeOptions options, bool mount = true) => throw new NotImplementedException();
}
