using StorageKit.Rados;

namespace StorageKit.Native.Rados;

internal sealed partial class NativeRadosIoContext
{
    /// <inheritdoc />
    /// <remarks>
    /// Runs the call as a read op with <c>rados_read_op_exec</c>, which is what <c>rados_exec</c> does inside
    /// librados, but hands back the whole output: <c>rados_exec</c> needs a buffer sized in advance (ERANGE
    /// otherwise) and cannot tell a positive return value from an output length.
    /// </remarks>
    public unsafe byte[] Execute(string objectName, string className, string method, ReadOnlySpan<byte> input)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(className, nameof(className));
        RadosArguments.Name(method, nameof(method));
        const string operation = "rados_read_op_exec";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        byte* output = null;
        nuint outputLength = 0;
        int result = 0;
        try
        {
            fixed (byte* inputBytes = input)
            {
                using var readOp = RadosReadOperation.Create();
                Interop.Rados.rados_read_op_exec(readOp.Pointer, className, method, inputBytes, (nuint)input.Length, &output, &outputLength, &result);
                OperateRead(readOp, ioContext, objectName, operation, &result);
            }

            return NativeText.CopyBytes(output, outputLength);
        }
        finally
        {
            if (output is not null)
            {
                Interop.Rados.rados_buffer_free(output);
            }
        }
    }
}
