using StorageKit.Conformance.Framework;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>Helpers shared by the NBD command cases: patterns, clients asking for base:allocation, extents.</summary>
internal static class NbdCase
{
    /// <summary>32 KiB: the page size of nbdkit's sparse array (and of <c>MemoryNbdExport</c>).</summary>
    public const long Page = 32768;

    /// <summary>libnbd's MAX_REQUEST_SIZE for reads and writes.</summary>
    public const int MaxRequest = 64 << 20;

    /// <summary>A hole that reads as zeros.</summary>
    public const uint HoleZero = (uint)(NbdExtentFlags.Hole | NbdExtentFlags.Zero);

    /// <summary>Allocated, all zeros.</summary>
    public const uint Zero = (uint)NbdExtentFlags.Zero;

    /// <summary>Data.</summary>
    public const uint Data = 0;

    /// <summary>Non-zero bytes that differ per position and per <paramref name="seed"/>, so misplaced data shows.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(((i * 7) + (seed * 13)) % 255 + 1);
        }

        return data;
    }

    /// <summary>A client of <paramref name="export"/> that asks for <c>base:allocation</c>.</summary>
    public static INbdClient Allocation(NbdTestExport export)
    {
        INbdClient client = export.NewClient();
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        export.Connect(client);
        return client;
    }

    /// <summary>Starts an export (<paramref name="spec"/> or the default) and connects a client asking for <c>base:allocation</c>.</summary>
    public static INbdClient Allocation(NbdCaseContext c, NbdExportSpec? spec = null) => Allocation(c.StartExport(spec));

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    public static byte[] ReadBack(INbdClient client, int length, long offset)
    {
        var buffer = new byte[length];
        client.Read(buffer, offset);
        return buffer;
    }

    /// <summary>An extent.</summary>
    public static NbdExtent E(long offset, long length, uint flags) => new(offset, length, flags);

    /// <summary>The base:allocation extents of the whole export.</summary>
    public static IReadOnlyList<NbdExtent> Map(INbdClient client) => client.BlockStatus(client.GetSize(), 0).Allocation;

    /// <summary>Fails unless <paramref name="extents"/> start at <paramref name="offset"/>, are contiguous and non-empty, and cover <paramref name="length"/>.</summary>
    public static void Tiles(IReadOnlyList<NbdExtent> extents, long length, long offset, string what)
    {
        Check.True(extents.Count > 0, $"{what}: at least one extent");
        long next = offset;
        foreach (NbdExtent extent in extents)
        {
            Check.Equal(next, extent.Offset, $"{what}: extents are contiguous");
            Check.True(extent.Length > 0, $"{what}: extents are not empty");
            next += extent.Length;
        }

        Check.True(next >= offset + length, $"{what}: extents cover the request (end {next}, wanted {offset + length})");
    }

    /// <summary>Fails unless <paramref name="chunks"/> are contiguous from <paramref name="offset"/> and cover exactly <paramref name="length"/>.</summary>
    public static void ChunksTile(IReadOnlyList<NbdReadChunk> chunks, long length, long offset, string what)
    {
        long next = offset;
        foreach (NbdReadChunk chunk in chunks.OrderBy(ch => ch.Offset))
        {
            Check.Equal(next, chunk.Offset, $"{what}: chunks are contiguous");
            Check.True(chunk.Length > 0, $"{what}: chunks are not empty");
            Check.True(chunk.Kind is NbdReadChunkKind.Data or NbdReadChunkKind.Hole, $"{what}: data or hole chunks only");
            next += chunk.Length;
        }

        Check.Equal(offset + length, next, $"{what}: chunks cover exactly the request");
    }

    /// <summary>
    /// Fails unless the async call throws at submission (as libnbd's bindings do; not through the task) the
    /// <see cref="StorageException"/> libnbd's <paramref name="errno"/> gives.
    /// </summary>
    public static void SubmitError(Errno errno, Func<Task> action, string what)
        => Check.NbdError(errno, () => _ = action(), what);
}
