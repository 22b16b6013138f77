using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>GlusterFS through libgfapi (<c>libgfapi.so.0</c>): every volume handle is its own <c>glfs_t</c>.</summary>
public sealed class NativeGlusterClient : IGlusterClient
{
    /// <inheritdoc />
    /// <exception cref="NativeLibraryNotFoundException">libgfapi.so.0 is not installed (Debian package <c>libgfapi0</c>).</exception>
    public IGlusterVolume OpenVolume(GlusterVolumeOptions options, bool mount = true)
    {
        GlusterArguments.CheckOptions(options, nameof(options));
        Interop.EnsureLoaded(Interop.Libraries.Gfapi);
        return GlusterArguments.MountIfAsked(new NativeGlusterVolume(options), mount);
    }
}
