namespace StorageKit.Gluster;

/// <summary>The argument checks both implementations make before calling into a volume.</summary>
internal static class GlusterArguments
{
    /// <summary>A path must be non-null and free of NUL characters (C strings end there).</summary>
    public static void CheckPath(string path, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A path cannot contain NUL characters.", parameterName);
        }
    }

    /// <summary>An attribute name must be non-null and free of NUL characters.</summary>
    public static void CheckXattrName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An attribute name cannot contain NUL characters.", parameterName);
        }
    }

    /// <summary>Volume options need a volume name and a host list.</summary>
    public static void CheckOptions(GlusterVolumeOptions options, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(options, parameterName);
        ArgumentException.ThrowIfNullOrEmpty(options.VolumeName, parameterName);
        ArgumentNullException.ThrowIfNull(options.Hosts, parameterName);
    }

    /// <summary>
    /// What both clients' <c>OpenVolume</c> do with a new handle: mount it when asked, and never leak it when the
    /// mount fails.
    /// </summary>
    public static IGlusterVolume MountIfAsked(IGlusterVolume volume, bool mount)
    {
        if (!mount)
        {
            return volume;
        }

        try
        {
            volume.Mount();
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    /// <summary>Offsets and lengths are non-negative.</summary>
    public static void CheckNonNegative(long value, string parameterName)
        => ArgumentOutOfRangeException.ThrowIfNegative(value, parameterName);
}
