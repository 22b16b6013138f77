namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedObject
{
    /// <summary>
    /// A copy of the whole object — data, xattrs, omap, version and mtime — as an OSD clone keeps it. Stored xattr
    /// and omap values are never changed in place, so the copy shares them.
    /// </summary>
    public EmulatedObject Copy()
    {
        var copy = new EmulatedObject();
        copy.RestoreFrom(this);
        copy.Version = Version;
        copy.ModifiedTime = ModifiedTime;
        copy.Modified = Modified?.Copy();
        return copy;
    }

    /// <summary>Makes data, xattrs and omap those of <paramref name="source"/> (a rollback); version and mtime are the caller's.</summary>
    public void RestoreFrom(EmulatedObject source)
    {
        Track(0, Math.Max(Size, source.Size));
        _data = source.Data.ToArray();
        Size = source.Size;
        Xattrs.Clear();
        foreach (var (name, value) in source.Xattrs)
        {
            Xattrs.Add(name, value);
        }

        Omap.Clear();
        foreach (var (key, value) in source.Omap)
        {
            // In key order, so every add appends.
            Omap.Add(key, value);
        }
    }
}
