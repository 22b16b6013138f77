using StorageKit.Gluster;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// What one GlusterFS case gets: a mounted volume and a directory of its own on it (cases on a real volume run
/// side by side), plus more mounts of the same volume on request. Disposing removes the directory (as root)
/// and unmounts everything.
/// </summary>
public sealed class GlusterCaseContext : IDisposable
{
    private readonly List<IGlusterVolume> _volumes = [];
    private int _counter;

    /// <summary>Mounts the target's volume and makes the case's directory.</summary>
    public GlusterCaseContext(ConformanceTarget target, string caseName)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        CaseName = caseName;
        Session = target.OpenSession();
        Root = $"/sk-{Guid.NewGuid():N}"[..16];
        Volume = NewVolume();
        Volume.CreateDirectory(Root, (UnixFileMode)0x1FF);
        // mkdir applies no umask on a real volume either way; set the mode explicitly so every target starts alike.
        Volume.Chmod(Root, (UnixFileMode)0x1FF);
    }

    /// <summary>The target the case runs on.</summary>
    public ConformanceTarget Target { get; }

    /// <summary>Name of the running case.</summary>
    public string CaseName { get; }

    /// <summary>Where the case's volume comes from and how time passes for it.</summary>
    public ConformanceSession Session { get; }

    /// <summary>A mounted handle on the volume, acting as root.</summary>
    public IGlusterVolume Volume { get; }

    /// <summary>The case's own directory (absolute, mode 0777), removed with the case.</summary>
    public string Root { get; }

    /// <summary><paramref name="relative"/> under <see cref="Root"/>.</summary>
    public string Path(string relative) => GlusterPath.Join(Root, relative);

    /// <summary>A path under <see cref="Root"/> nobody in this case used yet.</summary>
    public string NewPath(string hint = "f") => Path($"{hint}{Interlocked.Increment(ref _counter)}");

    /// <summary>Another handle on the same volume (its own working directory and identity), closed with the case.</summary>
    public IGlusterVolume NewVolume(bool mount = true)
    {
        IGlusterVolume volume = Session.GlusterClient.OpenVolume(Session.GlusterVolume, mount);
        _volumes.Add(volume);
        return volume;
    }

    /// <summary>Creates (or replaces) the file <paramref name="path"/> with <paramref name="content"/>.</summary>
    public string WriteFile(string path, ReadOnlySpan<byte> content)
    {
        Volume.WriteAllBytes(path, content);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            RemoveRoot();
        }
        finally
        {
            foreach (IGlusterVolume volume in _volumes)
            {
                volume.Dispose();
            }

            Session.Dispose();
        }
    }

    // The case's own handle cleans up, as root again, when it is still mounted: one volume (and one glfs_fini,
    // 10 s each with an upstream teardown race, docs/gluster-probe-results.md 20b) less per case. A case that
    // unmounted or closed it gets a fresh handle for the clean-up.
    private void RemoveRoot()
    {
        if (Volume.IsMounted)
        {
            Volume.SetFsUid(0);
            Volume.SetFsGid(0);
            Volume.RemoveTree(Root, ignoreErrors: true);
            return;
        }

        using IGlusterVolume cleaner = Session.GlusterClient.OpenVolume(Session.GlusterVolume);
        cleaner.RemoveTree(Root, ignoreErrors: true);
    }
}
