namespace StorageKit.Gluster;

/// <summary>POSIX path arithmetic for volume paths (always <c>/</c>-separated, whatever the host OS).</summary>
public static class GlusterPath
{
    /// <summary>The mode new files and directories get when none is given: <c>0777</c>, as in the python binding.</summary>
    public const UnixFileMode DefaultMode = (UnixFileMode)0x1FF;

    /// <summary>Joins <paramref name="directory"/> and <paramref name="name"/> like <c>os.path.join</c>: an absolute name wins.</summary>
    public static string Join(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith('/') || directory.Length == 0)
        {
            return name;
        }

        return directory.EndsWith('/') ? directory + name : directory + "/" + name;
    }

    /// <summary>The part after the last <c>/</c> (<c>os.path.basename</c>): empty for a path ending in <c>/</c>.</summary>
    public static string GetFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>The part before the last <c>/</c> without trailing slashes (<c>os.path.dirname</c>); <c>/</c> stays <c>/</c>.</summary>
    public static string GetDirectoryName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string head = path[..(path.LastIndexOf('/') + 1)];
        string trimmed = head.TrimEnd('/');
        return trimmed.Length == 0 ? head : trimmed;
    }
}
