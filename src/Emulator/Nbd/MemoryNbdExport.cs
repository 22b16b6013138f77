using System.Numerics;
using StorageKit.Nbd;

namespace StorageKit.Emulator.Nbd;

/// <summary>
/// A sparse in-memory disk, the emulated <c>nbdkit memory</c>: storage is a set of fixed-size pages allocated on
/// first write, so a 1 TiB export costs nothing until written. As nbdkit's sparse array does (measured, see
/// docs/nbd-probe-results.md), a write allocates its pages even when it writes zeros, while trim and zero (with or
/// without NO_HOLE) clear bytes and free every page left all zeros; <c>base:allocation</c> reports unallocated
/// pages as hole|zero, allocated all-zero pages as zero and the rest as data. Thread-safe.
/// </summary>
public sealed class MemoryNbdExport : INbdExport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, byte[]> _pages = [];

    // Ordered page numbers, so extents skip holes instead of walking a 1 TiB disk page by page.
    private readonly SortedSet<long> _allocated = [];
    private readonly int _pageSize;

    /// <summary>Creates an empty (all holes) export.</summary>
    public MemoryNbdExport(MemoryNbdExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Name);
        ArgumentNullException.ThrowIfNull(options.Description);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Size);
        if (options.PageSize <= 0 || !BitOperations.IsPow2(options.PageSize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "PageSize must be a positive power of two.");
        }

        if (options.BlockSizes is var (minimum, preferred, maximum)
            && (minimum <= 0 || preferred < minimum || maximum < preferred || maximum > uint.MaxValue))
        {
            // The protocol carries them as 32-bit numbers, minimum <= preferred <= maximum.
            throw new ArgumentOutOfRangeException(nameof(options), options.BlockSizes, "BlockSizes must be 0 < minimum <= preferred <= maximum <= 2^32-1.");
        }

        Options = options;
        _pageSize = options.PageSize;
        NbdExportFlags features = options.Features & ~(NbdExportFlags.HasFlags | NbdExportFlags.ReadOnly);
        if (options.ReadOnly)
        {
            features = (features & ~NbdWriteFeatures) | NbdExportFlags.ReadOnly;
        }

        if ((features & NbdExportFlags.CanZero) == 0)
        {
            features &= ~NbdExportFlags.CanFastZero;
        }

        Flags = NbdExportFlags.HasFlags | features;
    }

    /// <summary>The options the export was created with.</summary>
    public MemoryNbdExportOptions Options { get; }

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <inheritdoc />
    public string Description => Options.Description;

    /// <inheritdoc />
    public long Size => Options.Size;

    /// <inheritdoc />
    public NbdExportFlags Flags { get; }

    /// <inheritdoc />
    public (long Minimum, long Preferred, long Maximum)? BlockSizes => Options.BlockSizes;

    /// <summary>Bytes of memory held for data: allocated pages times the page size.</summary>
    public long AllocatedBytes
    {
        get
        {
            lock (_gate)
            {
                return (long)_pages.Count * _pageSize;
            }
        }
    }

    // What a read-only export stops advertising (nbdkit -r, measured).
    private const NbdExportFlags NbdWriteFeatures = NbdExportFlags.CanFua | NbdExportFlags.CanTrim | NbdExportFlags.CanZero | NbdExportFlags.CanFastZero;

    /// <inheritdoc />
    public void Read(Span<byte> buffer, long offset)
    {
        CheckRange("pread", buffer.Length, offset, Errno.EINVAL);
        lock (_gate)
        {
            long position = offset;
            while (!buffer.IsEmpty)
            {
                (long page, int within, int count) = Slice(position, buffer.Length);
                if (_pages.TryGetValue(page, out byte[]? data))
                {
                    data.AsSpan(within, count).CopyTo(buffer);
                }
                else
                {
                    buffer[..count].Clear();
                }

                buffer = buffer[count..];
                position += count;
            }
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data, long offset, bool fua)
    {
        CheckWritable("pwrite", fua ? NbdExportFlags.CanFua : NbdExportFlags.None);
        CheckRange("pwrite", data.Length, offset, Errno.ENOSPC);
        Store(data, offset);
    }

    /// <summary>Writes <paramref name="data"/> at offset 0 even when read-only: initial content, before any client connects.</summary>
    internal void Preload(ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty)
        {
            CheckRange("pwrite", data.Length, 0, Errno.ENOSPC);
            Store(data, 0);
        }
    }

    private void Store(ReadOnlySpan<byte> data, long offset)
    {
        lock (_gate)
        {
            long position = offset;
            while (!data.IsEmpty)
            {
                (long page, int within, int count) = Slice(position, data.Length);
                data[..count].CopyTo(Page(page).AsSpan(within, count));
                data = data[count..];
                position += count;
            }
        }
    }

    /// <inheritdoc />
    public void Trim(long length, long offset, bool fua)
    {
        CheckWritable("trim", NbdExportFlags.CanTrim | (fua ? NbdExportFlags.CanFua : NbdExportFlags.None));
        CheckRange("trim", length, offset, Errno.EINVAL);
        Clear(length, offset);
    }

    /// <inheritdoc />
    public void Zero(long length, long offset, bool noHole, bool fastZero, bool fua)
    {
        CheckWritable("zero", NbdExportFlags.CanZero
            | (fastZero ? NbdExportFlags.CanFastZero : NbdExportFlags.None)
            | (fua ? NbdExportFlags.CanFua : NbdExportFlags.None));
        CheckRange("zero", length, offset, Errno.ENOSPC);

        // nbdkit memory frees zeroed pages even with NO_HOLE (measured); zeroing memory is always fast.
        Clear(length, offset);
    }

    /// <inheritdoc />
    public void Flush() => CheckFeature("flush", NbdExportFlags.CanFlush);

    /// <inheritdoc />
    public void Cache(long length, long offset)
    {
        CheckFeature("cache", NbdExportFlags.CanCache);
        CheckRange("cache", length, offset, Errno.EINVAL);
    }

    /// <inheritdoc />
    public IReadOnlyList<NbdExtent> GetAllocation(long length, long offset)
    {
        CheckRange("extents", length, offset, Errno.EINVAL);
        long size = Size;
        long firstPage = offset / _pageSize;
        long endPage = (offset + length + _pageSize - 1) / _pageSize;
        var extents = new List<NbdExtent>();
        long position = offset;
        lock (_gate)
        {
            foreach (long page in _allocated.GetViewBetween(firstPage, endPage - 1))
            {
                long pageStart = page * _pageSize;
                Add(extents, position, pageStart, NbdExtentFlags.Hole | NbdExtentFlags.Zero);
                long pageEnd = Math.Min(pageStart + _pageSize, size);
                Add(extents, Math.Max(position, pageStart), pageEnd, _pages[page].AsSpan().ContainsAnyExcept((byte)0) ? NbdExtentFlags.None : NbdExtentFlags.Zero);
                position = pageEnd;
            }
        }

        Add(extents, position, Math.Min(endPage * _pageSize, size), NbdExtentFlags.Hole | NbdExtentFlags.Zero);
        return extents;
    }

    private static void Add(List<NbdExtent> extents, long start, long end, NbdExtentFlags flags)
    {
        if (end <= start)
        {
            return;
        }

        if (extents.Count > 0 && extents[^1].Allocation == flags)
        {
            NbdExtent last = extents[^1];
            extents[^1] = last with { Length = end - last.Offset };
            return;
        }

        extents.Add(new NbdExtent(start, end - start, (uint)flags));
    }

    private void Clear(long length, long offset)
    {
        lock (_gate)
        {
            long position = offset;
            long end = offset + length;
            while (position < end)
            {
                (long page, int within, int count) = Slice(position, end - position);
                if (_pages.TryGetValue(page, out byte[]? data))
                {
                    Span<byte> bytes = data.AsSpan();
                    bytes.Slice(within, count).Clear();
                    if (!bytes.ContainsAnyExcept((byte)0))
                    {
                        _pages.Remove(page);
                        _allocated.Remove(page);
                    }
                }

                position += count;
            }
        }
    }

    /// <summary>The page holding <paramref name="position"/>, the offset in it and how much of <paramref name="remaining"/> it holds.</summary>
    private (long Page, int Within, int Count) Slice(long position, long remaining)
    {
        int within = (int)(position & (_pageSize - 1));
        return (position / _pageSize, within, (int)Math.Min(remaining, _pageSize - within));
    }

    private byte[] Page(long page)
    {
        if (!_pages.TryGetValue(page, out byte[]? data))
        {
            data = new byte[_pageSize];
            _pages.Add(page, data);
            _allocated.Add(page);
        }

        return data;
    }

    private void CheckRange(string operation, long length, long offset, Errno error)
    {
        // nbdkit's rule: a request must have a length and lie inside the disk; writes and zeroes past the end are ENOSPC.
        if (length <= 0 || offset < 0 || offset > Size || length > Size - offset)
        {
            throw StorageErrors.Create(error, operation, Name, $"{operation}: offset {offset} and length {length} are out of range of {Size} bytes");
        }
    }

    private void CheckWritable(string operation, NbdExportFlags needed)
    {
        if ((Flags & NbdExportFlags.ReadOnly) != 0)
        {
            throw StorageErrors.Create(Errno.EPERM, operation, Name, $"{operation}: the export is read-only");
        }

        CheckFeature(operation, needed);
    }

    private void CheckFeature(string operation, NbdExportFlags needed)
    {
        if ((Flags & needed) != needed)
        {
            throw StorageErrors.Create(Errno.EOPNOTSUPP, operation, Name, $"{operation}: the export does not support {needed & ~Flags}");
        }
    }
}
