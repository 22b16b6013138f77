namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedObject
{
    /// <summary>A copy of data, xattrs and omap (values shared: they are never mutated in place) for an object class method to work on.</summary>
    public EmulatedObject Duplicate()
    {
        var copy = new EmulatedObject { Version = Version, ModifiedTime = ModifiedTime };
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Takes over data, xattrs and omap of <paramref name="source"/> (values are never mutated in place, so they are shared).</summary>
    public void CopyFrom(EmulatedObject source)
    {
        _data = source._data.AsSpan(0, (int)source.Size).ToArray();
        Size = source.Size;
        Xattrs.Clear();
        foreach (var (name, value) in source.Xattrs)
        {
            Xattrs[name] = value;
        }

        Omap.Clear();
        foreach (var (key, value) in source.Omap)
        {
            Omap[key] = value;
        }
    }
}
