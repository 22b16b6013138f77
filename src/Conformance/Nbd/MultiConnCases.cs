using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using static StorageKit.Conformance.Nbd.NbdCase;

namespace StorageKit.Conformance.Nbd;

/// <summary>Several connections to one export: shared content after flush (multi-conn), negotiated state per connection.</summary>
[ConformanceArea("nbd.multiconn")]
public static class MultiConnCases
{
    private const long Size = 1 << 20;

    /// <summary>with multi-conn advertised, a write flushed on one connection is read on another.</summary>
    [ConformanceCase]
    public static void FlushedWriteSeenByTheOther(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient a = export.Connected();
        INbdClient b = export.Connected();
        Check.True((a.GetExportFlags() & b.GetExportFlags() & NbdExportFlags.CanMultiConn) != 0, "both advertise multi-conn");
        a.Write(Pattern(4096, 1), 4096);
        a.Flush();
        Check.Bytes(Pattern(4096, 1), ReadBack(b, 4096, 4096), "b reads a's write");
        b.Write(Pattern(100, 2), 4096);
        b.Flush();
        Check.Bytes(Pattern(100, 2), ReadBack(a, 100, 4096), "a reads b's write");
    }

    /// <summary>trims and zeroes on one connection show on the other, in content and in block status.</summary>
    [ConformanceCase]
    public static void TrimAndZeroSeenByTheOther(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient a = export.Connected();
        INbdClient b = Allocation(export);
        a.Write(Pattern((int)(4 * Page), 3), 0);
        a.Flush();
        Check.Sequence([E(0, 4 * Page, Data), E(4 * Page, Size - (4 * Page), HoleZero)], Map(b), "b sees a's pages");
        a.Trim(Page, 0);
        a.Zero(Page, 2 * Page);
        a.Flush();
        Check.Sequence([E(0, Page, HoleZero), E(Page, Page, Data), E(2 * Page, Page, HoleZero), E(3 * Page, Page, Data), E(4 * Page, Size - (4 * Page), HoleZero)], Map(b), "b sees the holes");
        Check.True(ReadBack(b, (int)Page, 0).All(x => x == 0), "trimmed range reads zeros on b");
    }

    /// <summary>without multi-conn advertised the flag is absent on every connection; sharing still works on one server.</summary>
    [ConformanceCase]
    public static void WithoutMultiConn(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(new NbdExportSpec { MultiConn = false });
        INbdClient a = export.Connected();
        INbdClient b = export.Connected();
        Check.True((a.GetExportFlags() & NbdExportFlags.CanMultiConn) == 0 && (b.GetExportFlags() & NbdExportFlags.CanMultiConn) == 0, "multi-conn not advertised");
        a.Write(Pattern(512, 4), 0);
        a.Flush();
        Check.Bytes(Pattern(512, 4), ReadBack(b, 512, 0), "b still reads a's write");
    }

    /// <summary>structured replies and DF are negotiated per connection.</summary>
    [ConformanceCase]
    public static void StructuredRepliesPerConnection(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient plain = export.NewClient();
        plain.RequestStructuredReplies = false;
        export.Connect(plain);
        INbdClient structured = export.Connected();
        Check.True(!plain.StructuredRepliesNegotiated && structured.StructuredRepliesNegotiated, "negotiated on one only");
        Check.True((plain.GetExportFlags() & NbdExportFlags.CanDf) == 0, "no DF without structured replies");
        Check.True((structured.GetExportFlags() & NbdExportFlags.CanDf) != 0, "DF with structured replies");
        Check.NbdError(Errno.EINVAL, () => plain.ReadStructured(new byte[512], 0, NbdCommandFlags.Df), "DF on the plain connection");
        Check.Sequence([new NbdReadChunk(0, 512, NbdReadChunkKind.Data)], structured.ReadStructured(new byte[512], 0, NbdCommandFlags.Df), "DF on the structured connection");
    }

    /// <summary>metadata contexts are negotiated per connection: block status works only where asked.</summary>
    [ConformanceCase]
    public static void MetaContextPerConnection(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient without = export.Connected();
        INbdClient with = Allocation(export);
        Check.True(with.CanMetaContext(NbdMetaContexts.BaseAllocation) && !without.CanMetaContext(NbdMetaContexts.BaseAllocation), "negotiated on one only");
        Check.NbdError(Errno.EOPNOTSUPP, () => without.BlockStatus(4096, 0), "block status without the context");
        Check.Sequence([E(0, Size, HoleZero)], Map(with), "block status with it");
    }

    /// <summary>closing or shutting down one connection leaves the other working.</summary>
    [ConformanceCase]
    public static void OneCloseLeavesTheOther(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient a = export.Connected();
        INbdClient b = export.Connected();
        INbdClient d = export.Connected();
        a.Write(Pattern(100, 5), 0);
        a.Shutdown();
        b.Close();
        Check.Bytes(Pattern(100, 5), ReadBack(d, 100, 0), "the third still reads");
        d.Write(Pattern(100, 6), 0);
        Check.Bytes(Pattern(100, 6), ReadBack(export.Connected(), 100, 0), "a fourth sees the third's write");
    }

    /// <summary>two connections writing async in flight at once on disjoint ranges: both land.</summary>
    [ConformanceCase]
    public static async Task ConcurrentWritersOnDisjointRanges(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient a = export.Connected();
        INbdClient b = export.Connected();
        Task[] writes = [.. Enumerable.Range(0, 32).Select(i => (i % 2 == 0 ? a : b).WriteAsync(Pattern(4096, i), i * 4096L))];
        await Task.WhenAll(writes).ConfigureAwait(false);
        await Task.WhenAll(a.FlushAsync(), b.FlushAsync()).ConfigureAwait(false);
        INbdClient reader = export.Connected();
        for (int i = 0; i < 32; i++)
        {
            Check.Bytes(Pattern(4096, i), ReadBack(reader, 4096, i * 4096L), $"block {i}");
        }
    }

    /// <summary>a read-only export is read-only for every connection.</summary>
    [ConformanceCase]
    public static void ReadOnlyForEveryConnection(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(new NbdExportSpec { ReadOnly = true });
        foreach (INbdClient client in new[] { export.Connected(), export.Connected() })
        {
            Check.Equal(NbdFlags.ReadOnly, NbdFlags.Of(client), "flags");
            Check.NbdError(Errno.EPERM, () => client.Write(new byte[1], 0), "write");
        }
    }
}
