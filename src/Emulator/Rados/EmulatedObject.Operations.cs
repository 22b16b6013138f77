namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedObject
{
    /// <summary>A private copy a compound operation can change and then either commit or drop.</summary>
    public EmulatedObject Clone()
    {
        var copy = new EmulatedObject
        {
            _data = Data.ToArray(),
            Size = Size,
            Version = Version,
            ModifiedTime = ModifiedTime,
            Modified = Modified?.Copy(),
        };

        // Stored xattr and omap values are private arrays that are never mutated in place, so sharing them is safe.
        foreach (var (name, value) in Xattrs)
        {
            copy.Xattrs[name] = value;
        }

        foreach (var (key, value) in Omap)
        {
            copy.Omap[key] = value;
        }

        return copy;
    }

    /// <summary>Sets <paramref name="length"/> bytes at <paramref name="offset"/> (inside the object) to zero.</summary>
    public void ZeroRange(long offset, long length)
    {
        _data.AsSpan((int)offset, (int)length).Clear();
        Track(offset, length);
    }
}
