namespace StorageKit.Emulator.Gluster;

/// <summary>
/// The bytes of a regular file, kept as 4 KiB pages: only pages written or allocated exist, so a 1 TiB sparse
/// file costs what was written. Pages are the unit the brick's file system (ext4/XFS, 4 KiB blocks) allocates,
/// which is what <c>st_blocks</c>, <c>SEEK_DATA</c> and <c>SEEK_HOLE</c> report. Not thread-safe: the volume's
/// lock guards it. Bytes past the file size inside the last page are kept zero.
/// </summary>
internal sealed class GlusterFileData
{
    public const int PageSize = 4096;
    private const int PageShift = 12;

    /// <summary>Stands for an allocated page that was never written (fallocate, zerofill): no memory per page.</summary>
    private static readonly byte[] ZeroPage = new byte[PageSize];

    private readonly Dictionary<long, byte[]> _pages = [];

    /// <summary>Pages that hold data or were allocated.</summary>
    public long AllocatedPages => _pages.Count;

    /// <summary>Copies the bytes at <paramref name="offset"/> into <paramref name="destination"/> (holes read as zeros).</summary>
    public void Read(long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            long page = offset >> PageShift;
            int inPage = (int)(offset & (PageSize - 1));
            int count = Math.Min(PageSize - inPage, destination.Length);
            if (_pages.TryGetValue(page, out byte[]? bytes))
            {
                bytes.AsSpan(inPage, count).CopyTo(destination);
            }
            else
            {
                destination[..count].Clear();
            }

            destination = destination[count..];
            offset += count;
        }
    }

    /// <summary>Stores <paramref name="source"/> at <paramref name="offset"/>, allocating the pages it touches.</summary>
    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            long page = offset >> PageShift;
            int inPage = (int)(offset & (PageSize - 1));
            int count = Math.Min(PageSize - inPage, source.Length);
            source[..count].CopyTo(GetOrAdd(page).AsSpan(inPage, count));
            source = source[count..];
            offset += count;
        }
    }

    /// <summary>Allocates (zeroed) every page of [offset, offset + length) that is a hole.</summary>
    public void Allocate(long offset, long length)
    {
        if (length <= 0)
        {
            return;
        }

        long last = (offset + length - 1) >> PageShift;
        for (long page = offset >> PageShift; page <= last; page++)
        {
            _pages.TryAdd(page, ZeroPage);
        }
    }

    /// <summary>
    /// Makes [offset, offset + length) read as zeros. With <paramref name="deallocate"/> whole pages in the range
    /// become holes (punch hole); otherwise they stay allocated (zero range).
    /// </summary>
    public void Zero(long offset, long length, bool deallocate)
    {
        if (length <= 0)
        {
            return;
        }

        long end = offset + length;
        long firstPage = offset >> PageShift;
        long lastPage = (end - 1) >> PageShift;
        if ((lastPage - firstPage) > _pages.Count)
        {
            // A huge range over few pages: visit the pages, not the range.
            foreach (long page in _pages.Keys.Where(p => p >= firstPage && p <= lastPage).ToList())
            {
                ClearPage(page, offset, end, deallocate);
            }

            return;
        }

        for (long page = firstPage; page <= lastPage; page++)
        {
            ClearPage(page, offset, end, deallocate);
        }
    }

    /// <summary>Drops what lies at or past <paramref name="size"/> (the new file size).</summary>
    public void Truncate(long size)
    {
        long keepPages = (size + PageSize - 1) >> PageShift;
        if (_pages.Count > 0)
        {
            foreach (long page in _pages.Keys.Where(p => p >= keepPages).ToList())
            {
                _pages.Remove(page);
            }
        }

        int tail = (int)(size & (PageSize - 1));
        if (tail != 0 && _pages.TryGetValue(size >> PageShift, out byte[]? bytes) && !ReferenceEquals(bytes, ZeroPage))
        {
            bytes.AsSpan(tail).Clear();
        }
    }

    /// <summary>The first offset at or after <paramref name="offset"/> inside an allocated page, or -1.</summary>
    public long NextData(long offset)
    {
        long page = offset >> PageShift;
        if (_pages.ContainsKey(page))
        {
            return offset;
        }

        long best = long.MaxValue;
        foreach (long p in _pages.Keys)
        {
            if (p > page && p < best)
            {
                best = p;
            }
        }

        return best == long.MaxValue ? -1 : best << PageShift;
    }

    /// <summary>The first offset at or after <paramref name="offset"/> that is in a hole (or <paramref name="size"/>).</summary>
    public long NextHole(long offset, long size)
    {
        long page = offset >> PageShift;
        if (!_pages.ContainsKey(page))
        {
            return offset;
        }

        while (_pages.ContainsKey(page + 1))
        {
            page++;
        }

        return Math.Min((page + 1) << PageShift, size);
    }

    /// <summary>A page to write into (a fresh one for a hole or a never-written allocated page).</summary>
    private byte[] GetOrAdd(long page)
    {
        if (!_pages.TryGetValue(page, out byte[]? bytes) || ReferenceEquals(bytes, ZeroPage))
        {
            bytes = new byte[PageSize];
            _pages[page] = bytes;
        }

        return bytes;
    }

    private void ClearPage(long page, long start, long end, bool deallocate)
    {
        if (!_pages.TryGetValue(page, out byte[]? bytes))
        {
            return;
        }

        long pageStart = page << PageShift;
        long from = Math.Max(start, pageStart);
        long to = Math.Min(end, pageStart + PageSize);
        if (from == pageStart && to == pageStart + PageSize)
        {
            // A whole page: a hole when deallocating, else an allocated page of zeros.
            if (deallocate)
            {
                _pages.Remove(page);
            }
            else
            {
                _pages[page] = ZeroPage;
            }

            return;
        }

        if (!ReferenceEquals(bytes, ZeroPage))
        {
            bytes.AsSpan((int)(from - pageStart), (int)(to - from)).Clear();
        }
    }
}
