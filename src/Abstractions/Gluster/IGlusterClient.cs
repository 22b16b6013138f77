namespace StorageKit.Gluster;

/// <summary>
/// Entry point to GlusterFS: hands out volume handles. <c>NativeGlusterClient</c> talks to glusterd through
/// libgfapi; <c>EmulatedGlusterCluster</c> serves in-memory volumes.
/// </summary>
public interface IGlusterClient
{
    /// <summary>
    /// A handle on the volume <see cref="GlusterVolumeOptions.VolumeName"/>, mounted unless
    /// <paramref name="mount"/> is false (then call <see cref="IGlusterVolume.Mount"/>).
    /// </summary>
    /// <exception cref="StorageNotFoundException">No such volume (ENOENT from <c>glfs_init</c>).</exception>
    IGlusterVolume OpenVolume(GlusterVolumeOptions options, bool mount = true);
}
