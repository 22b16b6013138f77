using StorageKit.Rados;

namespace StorageKit.Conformance.Rbd;

/// <summary>What one step of the RBD model property did: a value or an errno, and the bytes a read returned.</summary>
internal readonly record struct ImageOutcome(string Result, byte[]? Data = null)
{
    public static ImageOutcome Ok(long value) => new($"ok {value}");

    public static ImageOutcome Error(Errno errno) => new($"errno {errno}");

    public static ImageOutcome Skipped { get; } = new("skipped");

    /// <summary>A whole image (or snapshot) read: its size and bytes.</summary>
    public static ImageOutcome Whole(byte[] data) => new($"size {data.Length}", data);

    /// <summary>Null when both agree, else what differs (for reads: the first differing byte).</summary>
    public static string? Compare(ImageOutcome expected, ImageOutcome actual)
    {
        if (expected.Result != actual.Result)
        {
            return $"model says {expected.Result}, target says {actual.Result}";
        }

        byte[] want = expected.Data ?? [];
        byte[] got = actual.Data ?? [];
        if (want.AsSpan().SequenceEqual(got))
        {
            return null;
        }

        int at = want.AsSpan().CommonPrefixLength(got);
        string Byte(byte[] data) => at < data.Length ? $"0x{data[at]:x2}" : "nothing";
        return $"{expected.Result}: data differs at byte {at} of the read: model has {Byte(want)}, target has {Byte(got)}";
    }
}

/// <summary>
/// The flat model of one image: its bytes (the length is the size) and its snapshots (name → bytes at creation).
/// The RBD rules it encodes are the measured ones (docs/native-probe-results.md, "RBD").
/// </summary>
internal sealed class ImageModel(byte[] data)
{
    public byte[] Data { get; private set; } = data;

    public long Size => Data.Length;

    public List<(string Name, byte[] Data)> Snapshots { get; } = [];

    /// <summary>Whether the image is a clone that has not been flattened.</summary>
    public bool HasParent { get; set; }

    /// <summary>
    /// librbd's <c>clip_io</c>: length 0 is always 0, a start at or past the end is EINVAL (false, with the outcome in
    /// <paramref name="done"/>); otherwise true with the range cut at the end.
    /// </summary>
    public bool TryClip(long offset, long length, out long clipped, out ImageOutcome done)
    {
        done = ImageOutcome.Ok(0);
        clipped = 0;
        if (length == 0)
        {
            // Nothing to do, at any offset: the caller returns 0 without touching the bytes.
            return false;
        }

        if (offset >= Size)
        {
            done = ImageOutcome.Error(Errno.EINVAL);
            return false;
        }

        clipped = Math.Min(length, Size - offset);
        return true;
    }

    public ImageOutcome Write(long offset, byte[] bytes)
    {
        if (!TryClip(offset, bytes.Length, out long clipped, out ImageOutcome done))
        {
            return done;
        }

        bytes.AsSpan(0, (int)clipped).CopyTo(Data.AsSpan((int)offset));
        return ImageOutcome.Ok(clipped);
    }

    public ImageOutcome Read(long offset, long length)
    {
        if (!TryClip(offset, length, out long clipped, out ImageOutcome done))
        {
            return done;
        }

        return ImageOutcome.Ok(clipped) with { Data = Data.AsSpan((int)offset, (int)clipped).ToArray() };
    }

    /// <summary>
    /// <c>rbd_discard</c> with librbd 16's default <c>rbd_skip_partial_discard</c> and objects no larger than the
    /// 64 KiB discard granularity (order 12 here): per object, a range covering it whole removes it (zeros), a
    /// range reaching its end truncates it there (zeros from there), a range at its head or middle is skipped.
    /// The return value is the clipped length either way.
    /// </summary>
    public ImageOutcome Discard(long offset, long length, long objectSize)
    {
        if (!TryClip(offset, length, out long clipped, out ImageOutcome done))
        {
            return done;
        }

        long end = offset + clipped;
        for (long start = offset; start < end;)
        {
            long objectEnd = ((start / objectSize) + 1) * objectSize;
            long pieceEnd = Math.Min(end, objectEnd);
            if (pieceEnd == objectEnd)
            {
                Data.AsSpan((int)start, (int)(pieceEnd - start)).Clear();
            }

            start = pieceEnd;
        }

        return ImageOutcome.Ok(clipped);
    }

    /// <summary><c>rbd_write_zeroes</c>: the clipped range reads as zeros, whatever its alignment.</summary>
    public ImageOutcome WriteZeroes(long offset, long length)
    {
        if (!TryClip(offset, length, out long clipped, out ImageOutcome done))
        {
            return done;
        }

        Data.AsSpan((int)offset, (int)clipped).Clear();
        return ImageOutcome.Ok(clipped);
    }

    /// <summary><c>rbd_resize</c>: a shrink drops the data past the end, a grow adds zeros.</summary>
    public ImageOutcome Resize(long size)
    {
        byte[] resized = new byte[size];
        Data.AsSpan(0, (int)Math.Min(size, Size)).CopyTo(resized);
        Data = resized;
        return ImageOutcome.Ok(size);
    }

    public ImageOutcome CreateSnapshot(string name)
    {
        Snapshots.Add((name, Data.ToArray()));
        return ImageOutcome.Ok(Snapshots.Count);
    }

    /// <summary><c>rbd_snap_rollback</c>: data and size become the snapshot's.</summary>
    public ImageOutcome Rollback(int snapshot)
    {
        Data = Snapshots[snapshot].Data.ToArray();
        return ImageOutcome.Ok(Size);
    }

    /// <summary>A clone of <paramref name="snapshot"/>: reads what the snapshot holds, size included.</summary>
    public ImageModel Clone(int snapshot) => new(Snapshots[snapshot].Data.ToArray()) { HasParent = true };
}
