namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Where image bytes live in the data objects, as Ceph's <c>Striper</c> maps a file layout: the image is cut into
/// stripe units dealt round-robin over <c>stripe_count</c> objects of an object set; without fancy striping
/// (stripe unit = object size, count 1) object n simply holds bytes [n·size, (n+1)·size).
/// </summary>
internal static class RbdStriper
{
    /// <summary>Locates <paramref name="position"/>: its object, the offset in that object, and how many bytes follow it there contiguously in the image.</summary>
    public static (long ObjectNumber, long InObject, long Available) Locate(EmulatedRbdHeader header, long position)
    {
        long unit = header.StripeUnit;
        long count = header.StripeCount;
        long stripesPerObject = header.ObjectSize / unit;
        long block = position / unit;
        long stripe = block / count;
        long objectNumber = (stripe / stripesPerObject * count) + (block % count);
        long inObject = (stripe % stripesPerObject * unit) + (position % unit);
        return (objectNumber, inObject, unit - (position % unit));
    }

    /// <summary>How many data objects an image of <paramref name="size"/> bytes spans (<c>Striper::get_num_objects</c>).</summary>
    public static long ObjectCount(EmulatedRbdHeader header, long size)
    {
        long period = header.ObjectSize * header.StripeCount;
        long periods = (size + period - 1) / period;
        long remainder = size % period;
        long missing = 0;
        if (remainder > 0 && remainder < header.StripeCount * header.StripeUnit)
        {
            missing = header.StripeCount - ((remainder + header.StripeUnit - 1) / header.StripeUnit);
        }

        return (periods * header.StripeCount) - missing;
    }

    /// <summary>
    /// The object extents of image range [<paramref name="offset"/>, +<paramref name="length"/>), by object number,
    /// with ranges adjacent within an object merged (<c>Striper::file_to_extents</c>).
    /// </summary>
    public static SortedDictionary<long, List<(long Offset, long Length)>> Extents(EmulatedRbdHeader header, long offset, long length)
    {
        var extents = new SortedDictionary<long, List<(long Offset, long Length)>>();
        long done = 0;
        while (done < length)
        {
            var (objectNumber, inObject, available) = Locate(header, offset + done);
            long chunk = Math.Min(length - done, available);
            if (!extents.TryGetValue(objectNumber, out var ranges))
            {
                ranges = [];
                extents.Add(objectNumber, ranges);
            }

            if (ranges.Count > 0 && ranges[^1].Offset + ranges[^1].Length == inObject)
            {
                ranges[^1] = (ranges[^1].Offset, ranges[^1].Length + chunk);
            }
            else
            {
                ranges.Add((inObject, chunk));
            }

            done += chunk;
        }

        return extents;
    }
}
