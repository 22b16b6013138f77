using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// An emulated trusted storage pool: named in-memory volumes that every handle from
/// <see cref="OpenVolume"/> shares, as several <c>glfs_t</c> mounts see one real volume.
/// </summary>
public sealed class EmulatedGlusterCluster : IGlusterClient
{
    private readonly Dictionary<string, GlusterFileSystem> _volumes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>An empty cluster; add volumes with <see cref="CreateVolume"/>.</summary>
    public EmulatedGlusterCluster(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
    }

    /// <summary>The settings the cluster was made with (its clock stamps every time).</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Creates an empty, started volume (<c>gluster volume create NAME; gluster volume start NAME</c>).</summary>
    /// <exception cref="StorageAlreadyExistsException">A volume of that name exists.</exception>
    public void CreateVolume(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            if (_volumes.ContainsKey(name))
            {
                throw StorageErrors.Create(Errno.EEXIST, "volume create", name);
            }

            _volumes.Add(name, new GlusterFileSystem(name, Options.TimeProvider, Options.CapacityBytes));
        }
    }

    /// <inheritdoc />
    public IGlusterVolume OpenVolume(GlusterVolumeOptions options, bool mount = true)
    {
        GlusterArguments.CheckOptions(options, nameof(options));
        return GlusterArguments.MountIfAsked(new EmulatedGlusterVolume(this, options), mount);
    }

    /// <summary>The volume named <paramref name="name"/>, or null.</summary>
    internal GlusterFileSystem? Find(string name)
    {
        lock (_lock)
        {
            return _volumes.GetValueOrDefault(name);
        }
    }
}
