using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using static StorageKit.Conformance.Nbd.NbdCase;

namespace StorageKit.Conformance.Nbd;

/// <summary>Trim, zero (NO_HOLE, FAST_ZERO), cache and flush: content, allocation (32 KiB pages), errors.</summary>
[ConformanceArea("nbd.trimzero")]
public static class TrimZeroCases
{
    private const long Size = 1 << 20;

    /// <summary>a trimmed range reads as zeros, the rest keeps its data.</summary>
    [ConformanceCase]
    public static void TrimReadsZeros(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(16384, 1);
        client.Write(data, 0);
        client.Trim(4096, 4096);
        Array.Clear(data, 4096, 4096);
        Check.Bytes(data, ReadBack(client, 16384, 0), "after trimming 4 KiB in the middle");
    }

    /// <summary>trimming whole pages frees them: they become hole|zero.</summary>
    [ConformanceCase]
    public static void TrimWholePagesMakesHoles(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern((int)(2 * Page), 2), 0);
        Check.Sequence([E(0, 2 * Page, Data), E(2 * Page, Size - (2 * Page), HoleZero)], Map(client), "two pages written");
        client.Trim(Page, 0);
        Check.Sequence([E(0, Page, HoleZero), E(Page, Page, Data), E(2 * Page, Size - (2 * Page), HoleZero)], Map(client), "first page trimmed");
    }

    /// <summary>a partial trim of a page keeps it allocated until the whole page reads zeros.</summary>
    [ConformanceCase]
    public static void PartialTrimKeepsThePage(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern(10, 3), 40000);
        client.Trim(4096, 40000);
        Check.Sequence([E(0, Size, HoleZero)], Map(client), "the page held only the trimmed bytes: freed");
        client.Write(Pattern(10, 3), 40000);
        client.Write(Pattern(10, 3), 50000);
        client.Trim(4096, 40000);
        Check.Sequence([E(0, Page, HoleZero), E(Page, Page, Data), E(2 * Page, Size - (2 * Page), HoleZero)], Map(client), "data left in the page: kept");
    }

    /// <summary>a zeroed range reads as zeros.</summary>
    [ConformanceCase]
    public static void ZeroReadsZeros(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(20000, 4);
        client.Write(data, 1000);
        client.Zero(5000, 3000);
        Array.Clear(data, 2000, 5000);
        Check.Bytes(data, ReadBack(client, 20000, 1000), "after zeroing 5000 bytes");
    }

    /// <summary>zeroing a whole page frees it, with or without NO_HOLE (nbdkit memory ignores NO_HOLE).</summary>
    [ConformanceCase]
    public static void ZeroWholePageFreesItEvenWithNoHole(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern((int)(2 * Page), 5), 0);
        client.Zero(Page, 0);
        client.Zero(Page, Page, NbdCommandFlags.NoHole);
        Check.Sequence([E(0, Size, HoleZero)], Map(client), "both pages freed");
        Check.True(ReadBack(client, (int)(2 * Page), 0).All(b => b == 0), "zeros");
    }

    /// <summary>zeroing part of a page keeps it allocated as data.</summary>
    [ConformanceCase]
    public static void PartialZeroKeepsData(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern(70000, 6), 2 * Page);
        client.Zero(1000, (2 * Page) + 100);
        client.Zero(40000, (2 * Page) + 1000, NbdCommandFlags.NoHole);
        Check.Sequence([E(0, 2 * Page, HoleZero), E(2 * Page, 3 * Page, Data), E(5 * Page, Size - (5 * Page), HoleZero)], Map(client), "pages still hold data");
    }

    /// <summary>zeroing a never-written range leaves it a hole, with or without NO_HOLE.</summary>
    [ConformanceCase]
    public static void ZeroOfAHoleStaysAHole(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Zero(100000, 0, NbdCommandFlags.NoHole);
        client.Zero(Size, 0);
        Check.Sequence([E(0, Size, HoleZero)], Map(client), "still one hole");
    }

    /// <summary>writing zero bytes allocates: the page is reported zero, not a hole.</summary>
    [ConformanceCase]
    public static void WrittenZerosAreAllocatedZero(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(new byte[4096], 4 * Page);
        Check.Sequence([E(0, 4 * Page, HoleZero), E(4 * Page, Page, Zero), E(5 * Page, Size - (5 * Page), HoleZero)], Map(client), "zero page");
        client.Write(Pattern(10, 7), 0);
        client.Write(new byte[10], 0);
        Check.Sequence([E(0, Page, Zero), E(Page, 3 * Page, HoleZero), E(4 * Page, Page, Zero), E(5 * Page, Size - (5 * Page), HoleZero)], Map(client), "data overwritten by zeros");
    }

    /// <summary>FAST_ZERO succeeds where fast zero is advertised (zeroing memory is fast).</summary>
    [ConformanceCase]
    public static void FastZeroSucceeds(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Write(Pattern(8192, 8), 0);
        client.Zero(8192, 0, NbdCommandFlags.FastZero);
        client.Zero(4096, 8192, NbdCommandFlags.FastZero | NbdCommandFlags.NoHole | NbdCommandFlags.Fua);
        Check.True(ReadBack(client, 16384, 0).All(b => b == 0), "zeros");
    }

    /// <summary>without fast zero advertised, FAST_ZERO is EINVAL client-side; plain zero works.</summary>
    [ConformanceCase]
    public static void FastZeroUnsupportedIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { FastZero = false });
        client.Write(Pattern(4096, 9), 0);
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, 0, NbdCommandFlags.FastZero), "fast zero", "nbd_zero: server does not support the fast zero flag: Invalid argument");
        Check.Bytes(Pattern(4096, 9), ReadBack(client, 4096, 0), "untouched");
        client.Zero(4096, 0);
        Check.True(ReadBack(client, 4096, 0).All(b => b == 0), "plain zero");
    }

    /// <summary>without zero advertised, every zero is EINVAL client-side.</summary>
    [ConformanceCase]
    public static void ZeroUnsupportedIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Zero = false });
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, 0), "zero", "nbd_zero: server does not support zero operations: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, Size * 2), "zero past the end: support is checked first");
        client.Trim(4096, 0);
    }

    /// <summary>trim and zero past or crossing the end are ENOSPC client-side.</summary>
    [ConformanceCase]
    public static void TrimAndZeroPastTheEndAreEnospc(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.ENOSPC, () => client.Trim(2, Size - 1), "trim crossing the end", "nbd_trim: request out of bounds: No space left on device");
        Check.NbdError(Errno.ENOSPC, () => client.Trim(1, Size), "trim at the end");
        Check.NbdError(Errno.ENOSPC, () => client.Zero(2, Size - 1), "zero crossing the end", "nbd_zero: request out of bounds: No space left on device");
        Check.NbdError(Errno.ENOSPC, () => client.Zero(1, Size + 1), "zero past the end");
        client.Trim(1, Size - 1);
        client.Zero(1, Size - 1);
    }

    /// <summary>zero-length trim, zero and cache are EINVAL client-side.</summary>
    [ConformanceCase]
    public static void ZeroLengthTrimZeroCacheAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.EINVAL, () => client.Trim(0, 0), "trim of 0", "nbd_trim: count cannot be 0: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Zero(0, 0), "zero of 0", "nbd_zero: count cannot be 0: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Cache(0, 0), "cache of 0", "nbd_cache: count cannot be 0: Invalid argument");
    }

    /// <summary>trim and zero on a read-only export are EINVAL client-side: not advertised.</summary>
    [ConformanceCase]
    public static void TrimAndZeroOnReadOnlyAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { ReadOnly = true });
        Check.NbdError(Errno.EINVAL, () => client.Trim(4096, 0), "trim", "nbd_trim: server does not support trim operations: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, 0), "zero", "nbd_zero: server does not support zero operations: Invalid argument");
    }

    /// <summary>trim takes FUA; trim with NO_HOLE or FAST_ZERO is EINVAL client-side.</summary>
    [ConformanceCase]
    public static void TrimFlags(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Write(Pattern(4096, 10), 0);
        client.Trim(4096, 0, NbdCommandFlags.Fua);
        Check.True(ReadBack(client, 4096, 0).All(b => b == 0), "FUA trim");
        Check.NbdError(Errno.EINVAL, () => client.Trim(4096, 0, NbdCommandFlags.NoHole), "trim with NO_HOLE");
        Check.NbdError(Errno.EINVAL, () => client.Trim(4096, 0, NbdCommandFlags.FastZero), "trim with FAST_ZERO");
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, 0, NbdCommandFlags.Df), "zero with DF");
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, 0, NbdCommandFlags.ReqOne), "zero with REQ_ONE");
    }

    /// <summary>without FUA advertised, FUA on trim and zero is EINVAL client-side.</summary>
    [ConformanceCase]
    public static void TrimZeroFuaWithoutSupportIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Fua = false });
        Check.NbdError(Errno.EINVAL, () => client.Trim(4096, 0, NbdCommandFlags.Fua), "trim with FUA", "nbd_trim: server does not support the FUA flag: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Zero(4096, 0, NbdCommandFlags.Fua), "zero with FUA");
        client.Zero(4096, 0);
    }

    /// <summary>cache inside the export succeeds and changes nothing; past the end it is EINVAL.</summary>
    [ConformanceCase]
    public static void CacheInRangeAndPastTheEnd(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        client.Write(Pattern(100, 11), 0);
        client.Cache(Size, 0);
        client.Cache(1, Size - 1);
        Check.Bytes(Pattern(100, 11), ReadBack(client, 100, 0), "content unchanged");
        Check.Sequence([E(0, Page, Data), E(Page, Size - Page, HoleZero)], Map(client), "allocation unchanged");
        Check.NbdError(Errno.EINVAL, () => client.Cache(2, Size - 1), "cache crossing the end", "nbd_cache: request out of bounds: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Cache(1, Size), "cache at the end");
    }

    /// <summary>without cache advertised, cache is EINVAL client-side.</summary>
    [ConformanceCase]
    public static void CacheUnsupportedIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Cache = false });
        Check.NbdError(Errno.EINVAL, () => client.Cache(4096, 0), "cache", "nbd_cache: server does not support cache operations: Invalid argument");
        Check.True(client.IsConnected, "still connected");
    }

    /// <summary>flush succeeds on writable and read-only exports, repeatedly, and after writes.</summary>
    [ConformanceCase]
    public static void FlushSucceeds(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Flush();
        client.Write(Pattern(4096, 12), 0);
        client.Flush();
        client.Flush();
        Check.Bytes(Pattern(4096, 12), ReadBack(client, 4096, 0), "data after flush");
        c.Connected(new NbdExportSpec { ReadOnly = true }).Flush();
        c.Connected(new NbdExportSpec { Fua = false, Cache = false, Zero = false }).Flush();
    }

    /// <summary>the measured allocation steps of nbdkit memory (docs/nbd-probe-results.md section 2).</summary>
    [ConformanceCase]
    public static void AllocationStepsLikeNbdkit(NbdCaseContext c)
    {
        const long size = 16 << 20;
        const long mib = 1 << 20;
        INbdClient client = Allocation(c, new NbdExportSpec { Size = size });
        client.Write([1], 100);
        client.Write(Pattern(10, 13), 40000);
        client.Write(new byte[4096], mib);
        IReadOnlyList<NbdExtent> first = [E(0, 2 * Page, Data), E(2 * Page, mib - (2 * Page), HoleZero), E(mib, Page, Zero), E(mib + Page, size - mib - Page, HoleZero)];
        Check.Sequence(first, Map(client), "after the writes");
        client.Trim(4096, 40000);
        IReadOnlyList<NbdExtent> second = [E(0, Page, Data), E(Page, mib - Page, HoleZero), E(mib, Page, Zero), E(mib + Page, size - mib - Page, HoleZero)];
        Check.Sequence(second, Map(client), "after the trim");
        client.Write(Pattern(70000, 14), 2 * mib);
        client.Zero(1000, (2 * mib) + 100);
        client.Zero(40000, (2 * mib) + 1000, NbdCommandFlags.NoHole);
        Check.Sequence([E(0, Page, Data), E(Page, mib - Page, HoleZero), E(mib, Page, Zero), E(mib + Page, mib - Page, HoleZero), E(2 * mib, 3 * Page, Data), E((2 * mib) + (3 * Page), size - (2 * mib) - (3 * Page), HoleZero)], Map(client), "after the third write and zeroes");
        client.Trim(mib, 2 * mib);
        Check.Sequence(second, Map(client), "after trimming the third write");
    }
}
