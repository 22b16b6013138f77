using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// An emulated trusted storage pool: named in-memory volumes that every handle from
/// <see cref="OpenVolume"/> shares, as several <c>glfs_t</c> mounts see one real volume.
/// </summary>
public sealed class EmulatedGlusterCluster : IGlusterClient
{
    /// <summary>An empty cluster; add volumes with <see cref="CreateVolume"/>.</summary>
    public EmulatedGlusterCluster(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
    }

    /// <summary>The settings the cluster was made with (its clock stamps every time).</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Creates an empty, started volume (<c>gluster volume create NAME; gluster volume start NAME</c>).</summary>
    /// <exception cref="StorageAlreadyExistsException">A volume of that name exists.</exception>
    public void CreateVolume(string name) => throw new NotImplementedException();

    /// <inheritdoc />
    public IGlusterVolume OpenVolume(GlusterVolumeOptions options, bool mount = true) => throw new NotImplementedException();
}
