using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using static StorageKit.Conformance.Nbd.NbdCase;

namespace StorageKit.Conformance.Nbd;

/// <summary>Asynchronous commands: completion as tasks, many in flight, InFlight, errors through the task, cancellation.</summary>
[ConformanceArea("nbd.async")]
public static class AsyncCases
{
    private const long Size = 1 << 20;

    /// <summary>an async write then an async read round-trip the bytes.</summary>
    [ConformanceCase]
    public static async Task WriteAsyncThenReadAsync(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(10000, 1);
        await client.WriteAsync(data, 777).ConfigureAwait(false);
        byte[] back = new byte[10000];
        await client.ReadAsync(back, 777).ConfigureAwait(false);
        Check.Bytes(data, back, "round trip");
        Check.Equal(0, client.InFlight, "nothing in flight afterwards");
    }

    /// <summary>64 writes in flight at once, then 64 reads in flight, all land where they should.</summary>
    [ConformanceCase]
    public static async Task ManyInFlightThenAwaited(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[][] blocks = [.. Enumerable.Range(0, 64).Select(i => Pattern(4096, i))];
        await Task.WhenAll(blocks.Select((b, i) => client.WriteAsync(b, i * 8192L))).ConfigureAwait(false);
        byte[][] backs = [.. Enumerable.Range(0, 64).Select(_ => new byte[4096])];
        await Task.WhenAll(backs.Select((b, i) => client.ReadAsync(b, i * 8192L))).ConfigureAwait(false);
        for (int i = 0; i < 64; i++)
        {
            Check.Bytes(blocks[i], backs[i], $"block {i}");
        }

        Check.Equal(0, client.InFlight, "nothing in flight");
    }

    /// <summary>InFlight counts sent commands until their replies arrive: between 0 and the number sent, 0 after.</summary>
    [ConformanceCase]
    public static async Task InFlightCountsOutstandingCommands(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.Equal(0, client.InFlight, "fresh");
        byte[] data = new byte[65536];
        Task[] writes = [.. Enumerable.Range(0, 16).Select(i => client.WriteAsync(data, i * 65536L))];
        int during = client.InFlight;
        Check.True(during is >= 0 and <= 16, $"in flight while outstanding ({during})");
        await Task.WhenAll(writes).ConfigureAwait(false);
        Check.Equal(0, client.InFlight, "after all completed");
    }

    /// <summary>TrimAsync and ZeroAsync clear what they cover.</summary>
    [ConformanceCase]
    public static async Task TrimAsyncAndZeroAsync(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(16384, 2);
        await client.WriteAsync(data, 0).ConfigureAwait(false);
        await Task.WhenAll(client.TrimAsync(1000, 1000), client.ZeroAsync(1000, 5000, NbdCommandFlags.NoHole), client.ZeroAsync(1000, 9000, NbdCommandFlags.FastZero | NbdCommandFlags.Fua)).ConfigureAwait(false);
        Array.Clear(data, 1000, 1000);
        Array.Clear(data, 5000, 1000);
        Array.Clear(data, 9000, 1000);
        Check.Bytes(data, ReadBack(client, 16384, 0), "after async trim and zeros");
    }

    /// <summary>CacheAsync and FlushAsync complete without changing content.</summary>
    [ConformanceCase]
    public static async Task CacheAsyncAndFlushAsync(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        await client.WriteAsync(Pattern(4096, 3), 0, NbdCommandFlags.Fua).ConfigureAwait(false);
        await Task.WhenAll(client.CacheAsync(Size, 0), client.FlushAsync(), client.FlushAsync()).ConfigureAwait(false);
        Check.Bytes(Pattern(4096, 3), ReadBack(client, 4096, 0), "content");
    }

    /// <summary>BlockStatusAsync gives the same extents as BlockStatus, REQ_ONE included.</summary>
    [ConformanceCase]
    public static async Task BlockStatusAsyncAgreesWithSync(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        await client.WriteAsync(Pattern(100, 4), 3 * Page).ConfigureAwait(false);
        NbdBlockStatus status = await client.BlockStatusAsync(Size, 0).ConfigureAwait(false);
        Check.Sequence(client.BlockStatus(Size, 0).Allocation, status.Allocation, "whole export");
        Check.Sequence([E(0, 3 * Page, HoleZero), E(3 * Page, Page, Data), E(4 * Page, Size - (4 * Page), HoleZero)], status.Allocation, "extents");
        NbdBlockStatus one = await client.BlockStatusAsync(100, 3 * Page, NbdCommandFlags.ReqOne).ConfigureAwait(false);
        Check.Sequence([E(3 * Page, 100, Data)], one.Allocation, "REQ_ONE");
    }

    /// <summary>a request out of range is refused at the call (libnbd refuses the submission) with the synchronous call's errno.</summary>
    [ConformanceCase]
    public static void OutOfRangeIsRefusedAtTheCall(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        SubmitError(Errno.EINVAL, () => client.ReadAsync(new byte[2], Size - 1), "ReadAsync crossing the end");
        SubmitError(Errno.ENOSPC, () => client.WriteAsync(new byte[2], Size - 1), "WriteAsync crossing the end");
        SubmitError(Errno.ENOSPC, () => client.TrimAsync(2, Size - 1), "TrimAsync crossing the end");
        SubmitError(Errno.ENOSPC, () => client.ZeroAsync(2, Size - 1), "ZeroAsync crossing the end");
        SubmitError(Errno.EINVAL, () => client.CacheAsync(2, Size - 1), "CacheAsync crossing the end");
        SubmitError(Errno.EINVAL, () => client.BlockStatusAsync(2, Size - 1), "BlockStatusAsync crossing the end");
        Check.Equal(0, client.InFlight, "nothing sent");
    }

    /// <summary>strict-mode refusals (zero length, bad flags, over 64 MiB, no context, read-only) throw at the call.</summary>
    [ConformanceCase]
    public static void StrictRefusalsThrowAtTheCall(NbdCaseContext c)
    {
        INbdClient client = c.Connected(new NbdExportSpec { Size = 4L * MaxRequest });
        SubmitError(Errno.EINVAL, () => client.ReadAsync(Memory<byte>.Empty, 0), "ReadAsync of 0");
        SubmitError(Errno.EINVAL, () => client.WriteAsync(ReadOnlyMemory<byte>.Empty, 0), "WriteAsync of 0");
        SubmitError(Errno.EINVAL, () => client.ReadAsync(new byte[1], 0, NbdCommandFlags.Fua), "ReadAsync with FUA");
        SubmitError(Errno.ERANGE, () => client.WriteAsync(new byte[MaxRequest + 1], 0), "WriteAsync over 64 MiB");
        SubmitError(Errno.EOPNOTSUPP, () => client.BlockStatusAsync(4096, 0), "BlockStatusAsync without a context");
        INbdClient readOnly = c.Connected(new NbdExportSpec { ReadOnly = true });
        SubmitError(Errno.EPERM, () => readOnly.WriteAsync(new byte[1], 0), "WriteAsync to a read-only export");
        SubmitError(Errno.EINVAL, () => readOnly.TrimAsync(1, 0), "TrimAsync on a read-only export");
    }

    /// <summary>negative offsets and lengths throw at the call, before a task exists.</summary>
    [ConformanceCase]
    public static void NegativeArgumentsThrowAtTheCall(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.ReadAsync(new byte[1], -1), "ReadAsync at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.WriteAsync(new byte[1], -1), "WriteAsync at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.TrimAsync(-1, 0), "TrimAsync of -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.ZeroAsync(1, -1), "ZeroAsync at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.CacheAsync(-1, 0), "CacheAsync of -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.BlockStatusAsync(1, -1), "BlockStatusAsync at -1");
        Check.Equal(0, client.InFlight, "nothing sent");
    }

    /// <summary>an already-cancelled token gives a cancelled task and sends nothing; negative arguments still throw.</summary>
    [ConformanceCase]
    public static async Task CancelledTokenSendsNothing(NbdCaseContext c)
    {
        INbdClient client = Allocation(c);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync().ConfigureAwait(false);
        await client.WriteAsync(Pattern(4096, 6), 8192).ConfigureAwait(false);
        Task write = client.WriteAsync(Pattern(4096, 5), 0, NbdCommandFlags.None, cts.Token);
        Task zero = client.ZeroAsync(4096, 8192, NbdCommandFlags.None, cts.Token);
        Task flush = client.FlushAsync(cts.Token);
        Task<NbdBlockStatus> status = client.BlockStatusAsync(4096, 0, NbdCommandFlags.None, cts.Token);
        Check.True(write.IsCanceled && zero.IsCanceled && flush.IsCanceled && status.IsCanceled, "the tasks are cancelled at once");
        await Check.ThrowsExactlyAsync<TaskCanceledException>(() => write, "awaiting WriteAsync").ConfigureAwait(false);
        Check.Equal(0, client.InFlight, "nothing in flight");
        Check.True(ReadBack(client, 4096, 0).All(b => b == 0), "the write was not sent");
        Check.Bytes(Pattern(4096, 6), ReadBack(client, 4096, 8192), "the zero was not sent");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = client.WriteAsync(new byte[1], -1, NbdCommandFlags.None, cts.Token), "negative offset with a cancelled token");
    }

    /// <summary>cancelling after the command was sent only stops the wait: the write still happens.</summary>
    [ConformanceCase]
    public static async Task CancelAfterSendStillWrites(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        using var cts = new CancellationTokenSource();
        byte[] data = Pattern(65536, 6);
        Task write = client.WriteAsync(data, 0, NbdCommandFlags.None, cts.Token);
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Either outcome is allowed: the reply may have come before the cancellation.
        }

        Check.True(SpinWait.SpinUntil(() => client.InFlight == 0, CheckTasks.Cap), "the write completes");
        Check.Bytes(data, ReadBack(client, 65536, 0), "the write reached the export");
    }

    /// <summary>async commands on a closed handle throw the closed-handle error at the call.</summary>
    [ConformanceCase]
    public static void ClosedHandleThrowsAtTheCall(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Close();
        Check.ClosedHandle(() => _ = client.ReadAsync(new byte[1], 0), "ReadAsync");
        Check.ClosedHandle(() => _ = client.FlushAsync(), "FlushAsync");
        Check.ClosedHandle(() => _ = client.BlockStatusAsync(1, 0), "BlockStatusAsync");
    }

    /// <summary>async commands before connecting throw ENOTCONN at the call.</summary>
    [ConformanceCase]
    public static void BeforeConnectIsEnotconn(NbdCaseContext c)
    {
        INbdClient client = c.NewClient();
        SubmitError(Errno.ENOTCONN, () => client.WriteAsync(new byte[1], 0), "WriteAsync");
        SubmitError(Errno.ENOTCONN, () => client.CacheAsync(1, 0), "CacheAsync");
        SubmitError(Errno.ENOTCONN, () => client.TrimAsync(1, 0), "TrimAsync");
    }

    /// <summary>a mixed batch of writes, zeroes, trims and flushes on disjoint ranges ends in the expected content.</summary>
    [ConformanceCase]
    public static async Task MixedBatchInFlight(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] expected = new byte[Size];
        await client.WriteAsync(Pattern((int)Size, 7), 0).ConfigureAwait(false);
        Pattern((int)Size, 7).CopyTo(expected, 0);
        var tasks = new List<Task>();
        for (int i = 0; i < 32; i++)
        {
            long at = i * Page;
            switch (i % 4)
            {
                case 0:
                    byte[] data = Pattern(1000, i);
                    data.CopyTo(expected, at);
                    tasks.Add(client.WriteAsync(data, at));
                    break;
                case 1:
                    Array.Clear(expected, (int)at, 2000);
                    tasks.Add(client.ZeroAsync(2000, at));
                    break;
                case 2:
                    Array.Clear(expected, (int)at, (int)Page);
                    tasks.Add(client.TrimAsync(Page, at));
                    break;
                default:
                    tasks.Add(client.FlushAsync());
                    break;
            }
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        Check.Bytes(expected, ReadBack(client, (int)Size, 0), "content after the batch");
    }

    /// <summary>synchronous calls work while async commands are in flight on the same handle.</summary>
    [ConformanceCase]
    public static async Task SyncCallsBetweenAsyncOnes(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Task first = client.WriteAsync(Pattern(4096, 8), 0);
        client.Write(Pattern(4096, 9), 8192);
        Task second = client.WriteAsync(Pattern(4096, 10), 16384);
        await Task.WhenAll(first, second).ConfigureAwait(false);
        Check.Bytes(Pattern(4096, 8), ReadBack(client, 4096, 0), "first async");
        Check.Bytes(Pattern(4096, 9), ReadBack(client, 4096, 8192), "sync");
        Check.Bytes(Pattern(4096, 10), ReadBack(client, 4096, 16384), "second async");
    }
}
