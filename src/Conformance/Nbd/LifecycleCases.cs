using StorageKit.Conformance.Framework;
using StorageKit.Nbd;
using static StorageKit.Conformance.Nbd.NbdCase;

namespace StorageKit.Conformance.Nbd;

/// <summary>The handle's life around asynchronous commands: closing with commands in flight.</summary>
[ConformanceArea("nbd.lifecycle")]
public static class LifecycleCases
{
    private const int Commands = 16;

    /// <summary>
    /// closing with writes in flight: each task finishes (its reply came first) or fails as a call on a closed
    /// handle naming <c>nbd_aio_pwrite</c> (libnbd 1.14 frees them without calling their completion); none hangs.
    /// </summary>
    [ConformanceCase]
    public static async Task CloseFailsCommandsInFlightAsClosedHandle(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        byte[] data = Pattern(64 << 10, 11); // 16 of them fill the 1 MiB export
        var writes = new Task[Commands];
        for (int i = 0; i < Commands; i++)
        {
            writes[i] = client.WriteAsync(data, (long)i * data.Length);
        }

        client.Close();
        for (int i = 0; i < Commands; i++)
        {
            try
            {
                await writes[i].WaitAsync(CheckTasks.Cap).ConfigureAwait(false);
            }
            catch (NbdClosedHandleException ex)
            {
                Check.Equal("nbd_aio_pwrite", ex.Operation, $"write {i}: the operation named");
            }
            catch (TimeoutException)
            {
                throw new ConformanceFailedException($"write {i}: neither completed nor failed within {CheckTasks.Cap.TotalSeconds} s of Close");
            }
        }

        Check.ClosedHandle(() => _ = client.InFlight, "InFlight after Close");
    }
}
