using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>GlusterFS through libgfapi (<c>libgfapi.so.0</c>): every volume handle is its own <c>glfs_t</c>.</summary>
public sealed class NativeGlusterClient : IGlusterClient
{
    /// <inheritdoc />
    /// <exception cref="NativeLibraryNotFoundException">libgfapi.so.0 is not installed (Debian package <c>libgfapi0</c>).</exception>
    public IGlusterVolume OpenVolume(GlusterVolumeOptions options, bool mount = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.VolumeName, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Hosts, nameof(options));
        Interop.EnsureLoaded(Interop.Libraries.Gfapi);
        var volume = new NativeGlusterVolume(options);
        if (mount)
        {
            try
            {
                volume.Mount();
            }
            catch
            {
                volume.Dispose();
                throw;
            }
        }

        return volume;
    }
}
