using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using static StorageKit.Conformance.Nbd.NbdCase;

namespace StorageKit.Conformance.Nbd;

/// <summary>Read and write: round trips, unwritten ranges, the end of the export, sizes, flags, structured reads, read-only exports.</summary>
[ConformanceArea("nbd.io")]
public static class IoCases
{
    private const long Size = 1 << 20;

    /// <summary>what is written reads back, at aligned and unaligned offsets.</summary>
    [ConformanceCase]
    public static void WriteThenReadRoundTrips(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        foreach ((int length, long offset) in new[] { (4096, 0L), (1, 4097L), (10000, 12345L), (65536, 3 * Page - 100) })
        {
            byte[] data = Pattern(length, (int)(offset % 97));
            client.Write(data, offset);
            Check.Bytes(data, ReadBack(client, length, offset), $"{length} bytes at {offset}");
        }
    }

    /// <summary>a never-written export reads as zeros everywhere.</summary>
    [ConformanceCase]
    public static void NeverWrittenReadsZeros(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.True(ReadBack(client, (int)Size, 0).All(b => b == 0), "the whole export is zeros");
        client.Write(Pattern(100, 1), 5000);
        byte[] around = ReadBack(client, 200, 4950);
        Check.True(around.AsSpan(0, 50).IndexOfAnyExcept((byte)0) < 0 && around.AsSpan(150).IndexOfAnyExcept((byte)0) < 0, "bytes around a write stay zero");
    }

    /// <summary>later writes overwrite only their own bytes.</summary>
    [ConformanceCase]
    public static void OverlappingWritesKeepTheRest(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] first = Pattern(8192, 1);
        byte[] second = Pattern(1000, 2);
        client.Write(first, 0);
        client.Write(second, 3000);
        byte[] expected = [.. first];
        second.CopyTo(expected, 3000);
        Check.Bytes(expected, ReadBack(client, 8192, 0), "overlapped write");
    }

    /// <summary>the last byte and the last page can be written and read.</summary>
    [ConformanceCase]
    public static void ReadAndWriteAtTheEnd(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Write([0x42], Size - 1);
        Check.Bytes([0x42], ReadBack(client, 1, Size - 1), "last byte");
        byte[] tail = Pattern(4096, 3);
        client.Write(tail, Size - 4096);
        Check.Bytes(tail, ReadBack(client, 4096, Size - 4096), "last 4 KiB");
    }

    /// <summary>an odd-sized export is usable to its last byte.</summary>
    [ConformanceCase]
    public static void OddSizedExportToItsEnd(NbdCaseContext c)
    {
        const long odd = (1 << 20) + 513;
        INbdClient client = c.Connected(new NbdExportSpec { Size = odd });
        byte[] data = Pattern(1000, 4);
        client.Write(data, odd - 1000);
        Check.Bytes(data, ReadBack(client, 1000, odd - 1000), "the last 1000 bytes");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[2], odd - 1), "read crossing the odd end");
    }

    /// <summary>a read crossing the end is refused client-side with EINVAL (strict bounds).</summary>
    [ConformanceCase]
    public static void ReadCrossingTheEndIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[2], Size - 1), "read of 2 at size-1", "nbd_pread: request out of bounds: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], Size), "read at the end");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], Size + 4096), "read past the end");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], long.MaxValue), "read at long.MaxValue");
        Check.True(client.IsConnected, "still connected");
    }

    /// <summary>a write crossing or past the end is ENOSPC (strict bounds) and changes nothing.</summary>
    [ConformanceCase]
    public static void WriteCrossingTheEndIsEnospc(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.ENOSPC, () => client.Write(new byte[2] { 1, 1 }, Size - 1), "write of 2 at size-1", "nbd_pwrite: request out of bounds: No space left on device");
        Check.NbdError(Errno.ENOSPC, () => client.Write(new byte[1] { 1 }, Size), "write at the end");
        Check.NbdError(Errno.ENOSPC, () => client.Write(new byte[1] { 1 }, Size * 2), "write past the end");
        Check.Bytes(new byte[1], ReadBack(client, 1, Size - 1), "the last byte is untouched");
    }

    /// <summary>zero-length reads and writes are EINVAL (strict zero size); an empty span is zero length.</summary>
    [ConformanceCase]
    public static void ZeroLengthReadAndWriteAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.EINVAL, () => client.Read([], 0), "read of 0", "nbd_pread: count cannot be 0: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Write([], 0), "write of 0", "nbd_pwrite: count cannot be 0: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Read(null, 0), "read into a null array (an empty span)");
        Check.NbdError(Errno.EINVAL, () => client.Read([], Size), "read of 0 at the end");
    }

    /// <summary>negative offsets throw ArgumentOutOfRangeException before anything is sent.</summary>
    [ConformanceCase]
    public static void NegativeOffsetsAreArgumentErrors(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Read(new byte[1], -1), "Read at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.ReadStructured(new byte[1], -1), "ReadStructured at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Write(new byte[1], -1), "Write at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Trim(1, -1), "Trim at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Trim(-1, 0), "Trim of -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Zero(1, long.MinValue), "Zero at long.MinValue");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Zero(-5, 0), "Zero of -5");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Cache(1, -1), "Cache at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Cache(-1, 0), "Cache of -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.BlockStatus(1, -1), "BlockStatus at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.BlockStatus(-1, 0), "BlockStatus of -1");
        Check.Equal(0, client.InFlight, "nothing was sent");
    }

    /// <summary>negative arguments are checked before the handle's state: also on a closed handle.</summary>
    [ConformanceCase]
    public static void ArgumentErrorsBeforeClosedHandle(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Close();
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Read(new byte[1], -1), "Read at -1 on a closed handle");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => client.Trim(-1, 0), "Trim of -1 on a closed handle");
        Check.ClosedHandle(() => client.Write(new byte[1], 0), "Write on a closed handle");
    }

    /// <summary>reads and writes of exactly 64 MiB go through.</summary>
    [ConformanceCase]
    public static void SixtyFourMiBRequestsWork(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Size = 2L * MaxRequest });
        byte[] data = new byte[MaxRequest];
        data.AsSpan().Fill(0x17);
        client.Write(data, MaxRequest / 2);
        byte[] back = new byte[MaxRequest];
        client.Read(back, MaxRequest / 2);
        Check.True(back.AsSpan().IndexOfAnyExcept((byte)0x17) < 0, "64 MiB read back");
    }

    /// <summary>reads and writes over 64 MiB are ERANGE on the client, nothing sent.</summary>
    [ConformanceCase]
    public static void OverSixtyFourMiBIsErange(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Size = 4L * MaxRequest });
        byte[] big = new byte[MaxRequest + 1];
        Check.NbdError(Errno.ERANGE, () => client.Read(big, 0), "read of 64 MiB + 1", "nbd_pread: request too large: maximum request size is 67108864: Numerical result out of range");
        Check.NbdError(Errno.ERANGE, () => client.Write(big, 0), "write of 64 MiB + 1");
        Check.NbdError(Errno.ERANGE, () => client.ReadStructured(big, 0), "structured read of 64 MiB + 1");
        Check.Equal(0, client.InFlight, "nothing in flight");
    }

    /// <summary>out of range is checked before size: a huge read past the end is EINVAL, not ERANGE.</summary>
    [ConformanceCase]
    public static void BoundsBeforeSize(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] big = new byte[MaxRequest + 1];
        Check.NbdError(Errno.EINVAL, () => client.Read(big, 0), "read of 64 MiB + 1 from a 1 MiB export");
        Check.NbdError(Errno.ENOSPC, () => client.Write(big, 0), "write of 64 MiB + 1 to a 1 MiB export");
    }

    /// <summary>FUA writes are accepted where FUA is advertised and read back.</summary>
    [ConformanceCase]
    public static void FuaWriteIsAccepted(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(4096, 5);
        client.Write(data, 8192, NbdCommandFlags.Fua);
        Check.Bytes(data, ReadBack(client, 4096, 8192), "FUA write read back");
    }

    /// <summary>without FUA advertised, a FUA write is EINVAL client-side; a plain write still works.</summary>
    [ConformanceCase]
    public static void FuaWithoutSupportIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Fua = false });
        Check.NbdError(Errno.EINVAL, () => client.Write(new byte[512], 0, NbdCommandFlags.Fua), "FUA write", "nbd_pwrite: server does not support the FUA flag: Invalid argument");
        client.Write(Pattern(512, 6), 0);
        Check.Bytes(Pattern(512, 6), ReadBack(client, 512, 0), "plain write");
    }

    /// <summary>flags a read does not take (FUA, NO_HOLE, REQ_ONE, FAST_ZERO, unknown bits) are EINVAL client-side.</summary>
    [ConformanceCase]
    public static void ReadRefusesOtherFlags(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        foreach (NbdCommandFlags flag in new[] { NbdCommandFlags.Fua, NbdCommandFlags.NoHole, NbdCommandFlags.ReqOne, NbdCommandFlags.FastZero, (NbdCommandFlags)0x20 })
        {
            Check.NbdError(Errno.EINVAL, () => client.Read(new byte[512], 0, flag), $"read with {flag}");
        }
    }

    /// <summary>flags a write does not take (NO_HOLE, DF, REQ_ONE, FAST_ZERO) are EINVAL client-side.</summary>
    [ConformanceCase]
    public static void WriteRefusesOtherFlags(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        foreach (NbdCommandFlags flag in new[] { NbdCommandFlags.NoHole, NbdCommandFlags.Df, NbdCommandFlags.ReqOne, NbdCommandFlags.FastZero })
        {
            Check.NbdError(Errno.EINVAL, () => client.Write(new byte[512], 0, flag), $"write with {flag}");
        }

        Check.True(ReadBack(client, 512, 0).All(b => b == 0), "nothing written");
    }

    /// <summary>structured reads return the bytes, and their chunks tile the request exactly.</summary>
    [ConformanceCase]
    public static void ReadStructuredChunksTileTheRequest(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(1000, 7);
        client.Write(data, 3 * Page + 10);
        foreach ((int length, long offset) in new[] { (4096, 0L), (200000, 0L), (5000, 3 * Page), (1, Size - 1) })
        {
            byte[] buffer = new byte[length];
            buffer.AsSpan().Fill(0xee);
            IReadOnlyList<NbdReadChunk> chunks = client.ReadStructured(buffer, offset);
            ChunksTile(chunks, length, offset, $"structured read of {length} at {offset}");
            Check.Bytes(ReadBack(client, length, offset), buffer, $"structured read of {length} at {offset}: the bytes");
        }
    }

    /// <summary>
    /// hole chunks (the StorageKit server sends them for zero ranges, nbdkit 1.32 sends one data chunk) only ever
    /// cover zeros, and written data always comes in data chunks.
    /// </summary>
    [ConformanceCase]
    public static void ReadStructuredHolesAreZeros(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Write(Pattern(5000, 12), Page - 2500);
        client.Write(new byte[100], 4 * Page);
        byte[] buffer = new byte[(int)(6 * Page)];
        IReadOnlyList<NbdReadChunk> chunks = client.ReadStructured(buffer, 0);
        ChunksTile(chunks, buffer.Length, 0, "six pages");
        foreach (NbdReadChunk chunk in chunks.Where(ch => ch.Kind == NbdReadChunkKind.Hole))
        {
            Check.True(buffer.AsSpan((int)chunk.Offset, (int)chunk.Length).IndexOfAnyExcept((byte)0) < 0, $"hole chunk {chunk} reads zeros");
            Check.True(chunk.Offset + chunk.Length <= Page - 2500 || chunk.Offset >= Page + 2500, $"hole chunk {chunk} misses the data");
        }

        Check.Bytes(Pattern(5000, 12), buffer.AsSpan((int)Page - 2500, 5000), "the data");
    }

    /// <summary>a structured read with DF is one data chunk on every server.</summary>
    [ConformanceCase]
    public static void ReadStructuredWithDfIsOneDataChunk(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(100, 8);
        client.Write(data, 100);
        byte[] buffer = new byte[100000];
        IReadOnlyList<NbdReadChunk> chunks = client.ReadStructured(buffer, 0, NbdCommandFlags.Df);
        Check.Sequence([new NbdReadChunk(0, 100000, NbdReadChunkKind.Data)], chunks, "chunks with DF");
        Check.Bytes(data, buffer.AsSpan(100, 100), "the data");
        Check.True(buffer.AsSpan(200).IndexOfAnyExcept((byte)0) < 0, "zeros after it");
    }

    /// <summary>without structured replies a structured read is one data chunk, and DF is refused (not advertised).</summary>
    [ConformanceCase]
    public static void ReadStructuredWithoutStructuredReplies(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.RequestStructuredReplies = false;
        export.Connect(client);
        client.Write(Pattern(10, 9), 0);
        byte[] buffer = new byte[65536];
        Check.Sequence([new NbdReadChunk(0, 65536, NbdReadChunkKind.Data)], client.ReadStructured(buffer, 0), "one data chunk");
        Check.Bytes(Pattern(10, 9), buffer.AsSpan(0, 10), "the data");
        Check.NbdError(Errno.EINVAL, () => client.ReadStructured(buffer, 0, NbdCommandFlags.Df), "DF without structured replies", "nbd_pread_structured: server does not support the DF flag: Invalid argument");
    }

    /// <summary>structured reads are bounds-checked like reads.</summary>
    [ConformanceCase]
    public static void ReadStructuredOutOfRangeIsEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.EINVAL, () => client.ReadStructured(new byte[2], Size - 1), "crossing the end", "nbd_pread_structured: request out of bounds: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ReadStructured([], 0), "zero length");
        Check.NbdError(Errno.EINVAL, () => client.ReadStructured(new byte[1], 0, NbdCommandFlags.Fua), "with FUA");
    }

    /// <summary>writes to a read-only export are EPERM client-side; reads, flush and cache work.</summary>
    [ConformanceCase]
    public static void ReadOnlyExportRefusesWrites(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { ReadOnly = true });
        Check.NbdError(Errno.EPERM, () => client.Write(new byte[512], 0), "write", "nbd_pwrite: server does not support write operations: Operation not permitted");
        Check.NbdError(Errno.EPERM, () => client.Write(new byte[512], Size * 2), "write past the end: read-only is checked first");
        Check.NbdError(Errno.EPERM, () => client.Write([], 0), "write of 0: read-only is checked first");
        Check.True(ReadBack(client, 4096, 0).All(b => b == 0), "reads work");
        client.Flush();
        client.Cache(4096, 0);
    }

    /// <summary>a 1 TiB sparse export takes writes at its far end.</summary>
    [ConformanceCase]
    public static void SparseTebibyteFarEnd(NbdCaseContext c)
    {
        const long size = 1L << 40;
        INbdClient client = c.Connected(new NbdExportSpec { Size = size });
        byte[] data = Pattern(4096, 10);
        client.Write(data, size - 4096);
        Check.Bytes(data, ReadBack(client, 4096, size - 4096), "the last 4 KiB of 1 TiB");
        Check.True(ReadBack(client, 4096, size / 2).All(b => b == 0), "the middle is zeros");
    }

    /// <summary>with a minimum block size, unaligned requests are EINVAL client-side (strict align).</summary>
    [ConformanceCase]
    public static void UnalignedRequestsAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { BlockSizes = (512, 4096, 1 << 20) });
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[512], 1), "read at 1", "nbd_pread: request is unaligned: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Write(new byte[100], 0), "write of 100");
        Check.NbdError(Errno.EINVAL, () => client.Trim(512, 256), "trim at 256");
        byte[] data = Pattern(1024, 11);
        client.Write(data, 512);
        Check.Bytes(data, ReadBack(client, 1024, 512), "aligned write");
    }
}
