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

    /// <summary>Offsets and lengths are non-negative.</summary>
    public static void CheckNonNegative(long value, string parameterName)
        => ArgumentOutOfRangeException.ThrowIfNegative(value, parameterName);
}
