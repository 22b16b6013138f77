using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>The state of one emulated RADOS object: data, xattrs, omap, version and mtime.</summary>
internal sealed partial class EmulatedObject
{
    private byte[] _data = [];

    public long Size { get; private set; }

    public SortedDictionary<string, byte[]> Xattrs { get; } = new(Utf8OrdinalComparer.Instance);

    /// <summary>Omap in key order; a sorted list so a page starts with a binary search and reads contiguously.</summary>
    public SortedList<string, byte[]> Omap { get; } = new(Utf8OrdinalComparer.Instance);

    public ulong Version { get; set; }

    public DateTimeOffset ModifiedTime { get; set; }

    public ReadOnlySpan<byte> Data => _data.AsSpan(0, (int)Size);

    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        long end = offset + data.Length;
        EnsureCapacity(end);
        if (offset > Size)
        {
            // The gap between the old end and the write reads back as zeros.
            _data.AsSpan((int)Size, (int)(offset - Size)).Clear();
        }

        ObjectBytes.CopyInto(data, _data.AsSpan((int)offset));
        Track(offset, data.Length);
        Size = Math.Max(Size, end);
    }

    public void Replace(ReadOnlySpan<byte> data)
    {
        Track(0, Size);
        Size = 0;
        Write(0, data);
    }

    public void Truncate(long size)
    {
        TrackResize(Size, size);
        if (size > Size)
        {
            EnsureCapacity(size);
            _data.AsSpan((int)Size, (int)(size - Size)).Clear();
        }

        Size = size;
    }

    public int Read(long offset, Span<byte> buffer)
    {
        if (offset >= Size)
        {
            return 0;
        }

        int count = (int)Math.Min(buffer.Length, Size - offset);
        _data.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    private void EnsureCapacity(long size)
    {
        if (size <= _data.Length)
        {
            return;
        }

        long capacity = Math.Max(size, Math.Min((long)_data.Length * 2, RadosLimits.MaxObjectSize));
        // Bytes past Size are never read: every path that extends Size writes or clears them first, so the new
        // array need not be zeroed, and only the live bytes move.
        byte[] grown = GC.AllocateUninitializedArray<byte>((int)capacity);
        Data.CopyTo(grown);
        _data = grown;
    }
}
