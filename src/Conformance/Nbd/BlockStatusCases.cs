using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using static StorageKit.Conformance.Nbd.NbdCase;

namespace StorageKit.Conformance.Nbd;

/// <summary>Block status over base:allocation: fresh exports, after writes, REQ_ONE, tiling, errors.</summary>
[ConformanceArea("nbd.blockstatus")]
public static class BlockStatusCases
{
    private const long Size = 1 << 20;

    /// <summary>a fresh export is one hole|zero extent; a range inside it is answered to the end of its page.</summary>
    [ConformanceCase]
    public static void FreshExportIsOneHole(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        Check.Sequence([E(0, Size, HoleZero)], client.BlockStatus(Size, 0).Allocation, "whole export");
        Check.Sequence([E(4096, Page - 4096, HoleZero)], client.BlockStatus(4096, 4096).Allocation, "4 KiB at 4 KiB: runs to the page end, past the request");
        Check.Sequence([NbdMetaContexts.BaseAllocation], client.BlockStatus(Size, 0).Contexts.Keys, "the one context");
    }

    /// <summary>a write makes its pages data; the extents are page-rounded.</summary>
    [ConformanceCase]
    public static void WriteMakesPagesData(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write([1], 100);
        Check.Sequence([E(0, Page, Data), E(Page, Size - Page, HoleZero)], Map(client), "one byte at 100");
        client.Write(Pattern(2, 1), (3 * Page) - 1);
        Check.Sequence([E(0, Page, Data), E(Page, Page, HoleZero), E(2 * Page, 2 * Page, Data), E(4 * Page, Size - (4 * Page), HoleZero)], Map(client), "two bytes across a page boundary");
    }

    /// <summary>without REQ_ONE the extent runs to its end, past the request; with REQ_ONE it is cut to the request.</summary>
    [ConformanceCase]
    public static void ReqOneCutsToTheRequest(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write([1], 100);
        Check.Sequence([E(50, Page - 50, Data)], client.BlockStatus(100, 50).Allocation, "100 at 50");
        Check.Sequence([E(50, 100, Data)], client.BlockStatus(100, 50, NbdCommandFlags.ReqOne).Allocation, "100 at 50, REQ_ONE");
        Check.Sequence([E(Page, 10, HoleZero)], client.BlockStatus(10, Page, NbdCommandFlags.ReqOne).Allocation, "10 at a hole, REQ_ONE");
    }

    /// <summary>REQ_ONE over several extents returns only the first.</summary>
    [ConformanceCase]
    public static void ReqOneReturnsOneExtent(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write([1], 2 * Page);
        IReadOnlyList<NbdExtent> one = client.BlockStatus(Size, 0, NbdCommandFlags.ReqOne).Allocation;
        Check.Sequence([E(0, 2 * Page, HoleZero)], one, "REQ_ONE over hole then data");
        IReadOnlyList<NbdExtent> all = client.BlockStatus(Size, 0).Allocation;
        Check.Equal(3, all.Count, "without REQ_ONE: hole, data, hole");
    }

    /// <summary>extents tile any requested range: contiguous from its offset and covering it.</summary>
    [ConformanceCase]
    public static void ExtentsTileTheRange(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        foreach (long at in new[] { 0L, 70000, 5 * Page, 10 * Page + 3, 20 * Page })
        {
            client.Write(Pattern(100, (int)(at % 31)), at);
        }

        foreach ((long length, long offset) in new[] { (Size, 0L), (1L, 0L), (100000L, 12345L), (3 * Page, 4 * Page), (1L, Size - 1), (Size - 7, 7L) })
        {
            Tiles(client.BlockStatus(length, offset).Allocation, length, offset, $"{length} at {offset}");
        }
    }

    /// <summary>the last extent never runs past the end of the export.</summary>
    [ConformanceCase]
    public static void ExtentsStopAtTheEnd(NbdCaseContext c)
    {
        const long odd = Size + 1000;
        INbdClient client = Allocation(c, new NbdExportSpec { Size = odd });
        Check.Sequence([E(0, odd, HoleZero)], Map(client), "fresh odd-sized export");
        client.Write([1], odd - 1);
        Check.Sequence([E(0, Size, HoleZero), E(Size, 1000, Data)], Map(client), "last partial page written");
        Check.Sequence([E(odd - 1, 1, Data)], client.BlockStatus(1, odd - 1).Allocation, "the last byte");
    }

    /// <summary>after trim and zero, freed pages merge back into the neighbouring hole.</summary>
    [ConformanceCase]
    public static void FreedPagesMergeWithHoles(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern((int)(3 * Page), 2), Page);
        Check.Sequence([E(0, Page, HoleZero), E(Page, 3 * Page, Data), E(4 * Page, Size - (4 * Page), HoleZero)], Map(client), "three pages");
        client.Zero(Page, 2 * Page);
        Check.Sequence([E(0, Page, HoleZero), E(Page, Page, Data), E(2 * Page, Page, HoleZero), E(3 * Page, Page, Data), E(4 * Page, Size - (4 * Page), HoleZero)], Map(client), "middle page zeroed");
        client.Trim(Page, Page);
        client.Trim(Page, 3 * Page);
        Check.Sequence([E(0, Size, HoleZero)], Map(client), "all freed: one hole again");
    }

    /// <summary>block status without base:allocation negotiated is ENOTSUP client-side.</summary>
    [ConformanceCase]
    public static void WithoutContextIsEnotsup(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.True(!client.CanMetaContext(NbdMetaContexts.BaseAllocation), "not negotiated");
        Check.NbdError(Errno.EOPNOTSUPP, () => client.BlockStatus(4096, 0), "block status", "nbd_block_status: did not negotiate any metadata contexts, either you did not call nbd_add_meta_context before connecting or the server does not support it: Operation not supported");
        Check.NbdError(Errno.EOPNOTSUPP, () => client.BlockStatus(4096, Size * 2), "block status past the end: context is checked first");
    }

    /// <summary>without structured replies no context can be negotiated: block status is ENOTSUP.</summary>
    [ConformanceCase]
    public static void WithoutStructuredRepliesIsEnotsup(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.RequestStructuredReplies = false;
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        export.Connect(client);
        Check.True(!client.CanMetaContext(NbdMetaContexts.BaseAllocation), "not negotiated");
        Check.NbdError(Errno.EOPNOTSUPP, () => client.BlockStatus(4096, 0), "block status");
    }

    /// <summary>block status at, past or crossing the end is EINVAL client-side.</summary>
    [ConformanceCase]
    public static void OutOfRangeIsEinval(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        Check.NbdError(Errno.EINVAL, () => client.BlockStatus(1, Size), "at the end", "nbd_block_status: request out of bounds: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.BlockStatus(2, Size - 1), "crossing the end");
        Check.NbdError(Errno.EINVAL, () => client.BlockStatus(4096, Size * 10), "far past the end");
        Check.NbdError(Errno.EINVAL, () => client.BlockStatus(0, 0), "length 0", "nbd_block_status: count cannot be 0: Invalid argument");
    }

    /// <summary>flags other than REQ_ONE are EINVAL client-side.</summary>
    [ConformanceCase]
    public static void OtherFlagsAreEinval(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        foreach (NbdCommandFlags flag in new[] { NbdCommandFlags.Fua, NbdCommandFlags.NoHole, NbdCommandFlags.Df, NbdCommandFlags.FastZero })
        {
            Check.NbdError(Errno.EINVAL, () => client.BlockStatus(4096, 0, flag), $"block status with {flag}");
        }
    }

    /// <summary>a 1 TiB sparse export with one written page: the extents are that page and the holes around it.</summary>
    [ConformanceCase]
    public static void LargeSparseExport(NbdCaseContext c)
    {
        const long size = 1L << 40;
        INbdClient client = Allocation(c, new NbdExportSpec { Size = size });
        client.Write([1], 1L << 30);
        IReadOnlyList<NbdExtent> extents = client.BlockStatus(1L << 31, 0).Allocation;
        Check.Sequence([E(0, 1L << 30, HoleZero), E(1L << 30, Page, Data)], extents.Take(2), "hole, then the written page");
        Tiles(extents, 1L << 31, 0, "2 GiB");
        Check.True(extents.Skip(2).All(e => e.Flags == HoleZero), "holes after it");
    }

    /// <summary>a range reported hole or zero reads as zeros, and written non-zero data is never reported zero.</summary>
    [ConformanceCase]
    public static void ReportedZeroReadsZero(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern(5000, 3), 3000);
        client.Write(new byte[5000], 3 * Page);
        client.Zero(2000, 3500);
        byte[] all = ReadBack(client, (int)Size, 0);
        foreach (NbdExtent extent in Map(client))
        {
            bool zeros = all.AsSpan((int)extent.Offset, (int)extent.Length).IndexOfAnyExcept((byte)0) < 0;
            if ((extent.Allocation & NbdExtentFlags.Zero) != 0)
            {
                Check.True(zeros, $"extent {extent} reported zero reads zeros");
            }
        }

        Check.Equal(Data, client.BlockStatus(1, 3000, NbdCommandFlags.ReqOne).Allocation[0].Flags, "written data is data");
    }
}
