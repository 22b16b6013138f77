using System.Text;
using StorageKit.Rados;

namespace StorageKit.Native.Rados;

public sealed partial class NativeRadosClient
{
    private unsafe delegate int CommandCall(
        RadosClusterHandle cluster, byte** command, byte* input, nuint inputLength, byte** output, nuint* outputLength, byte** status, nuint* statusLength);

    /// <summary>The cluster handle, for the watch plumbing (<c>rados_watch_flush</c>, watch io contexts).</summary>
    internal RadosClusterHandle ClusterHandle => Cluster;

    /// <inheritdoc />
    public unsafe RadosCommandResult MonCommand(string command, ReadOnlySpan<byte> input = default)
        => Command("rados_mon_command", command, input, static (cluster, cmd, input, inputLength, output, outputLength, status, statusLength)
            => Interop.Rados.rados_mon_command(cluster, cmd, 1, input, inputLength, output, outputLength, status, statusLength));

    /// <inheritdoc />
    public unsafe RadosCommandResult MgrCommand(string command, ReadOnlySpan<byte> input = default)
        => Command("rados_mgr_command", command, input, static (cluster, cmd, input, inputLength, output, outputLength, status, statusLength)
            => Interop.Rados.rados_mgr_command(cluster, cmd, 1, input, inputLength, output, outputLength, status, statusLength));

    /// <inheritdoc />
    public unsafe RadosCommandResult OsdCommand(int osd, string command, ReadOnlySpan<byte> input = default)
        => Command("rados_osd_command", command, input, (cluster, cmd, input, inputLength, output, outputLength, status, statusLength)
            => Interop.Rados.rados_osd_command(cluster, osd, cmd, 1, input, inputLength, output, outputLength, status, statusLength));

    /// <inheritdoc />
    public void WatchFlush()
    {
        const string operation = "rados_watch_flush";
        RadosClusterHandle cluster = RequireConnected(operation);
        RadosCall.Check(Interop.Rados.rados_watch_flush(cluster), operation);
    }

    /// <summary>
    /// The cluster handle for a call librados cannot take before connect (measured on 16.2.15: the command
    /// calls hang for ever, <c>rados_osd_command</c> and <c>rados_watch_flush</c> crash the process): ENOTCONN
    /// instead, as every other cluster call answers then.
    /// </summary>
    private RadosClusterHandle RequireConnected(string operation)
    {
        RadosClusterHandle cluster = Cluster;
        return _connected ? cluster : throw StorageErrors.Create(Errno.ENOTCONN, operation);
    }

    private unsafe RadosCommandResult Command(string operation, string command, ReadOnlySpan<byte> input, CommandCall call)
    {
        RadosArguments.Name(command, nameof(command));
        RadosClusterHandle cluster = RequireConnected(operation);
        byte[] text = Encoding.UTF8.GetBytes(command + "\0");
        byte* output = null;
        byte* status = null;
        nuint outputLength = 0;
        nuint statusLength = 0;
        int returnCode;
        byte[] outputBytes;
        string statusText;
        fixed (byte* commandBytes = text)
        fixed (byte* inputBytes = input)
        {
            byte* commandList = commandBytes;
            try
            {
                returnCode = call(cluster, &commandList, inputBytes, (nuint)input.Length, &output, &outputLength, &status, &statusLength);
                outputBytes = NativeText.CopyBytes(output, outputLength);
                statusText = NativeText.FromCounted(status, statusLength);
            }
            finally
            {
                if (output is not null)
                {
                    Interop.Rados.rados_buffer_free(output);
                }

                if (status is not null)
                {
                    Interop.Rados.rados_buffer_free(status);
                }
            }
        }

        return returnCode < 0
            ? throw RadosCommandErrors.Failed((Errno)(-returnCode), operation, command, statusText)
            : new RadosCommandResult(outputBytes, statusText);
    }
}
