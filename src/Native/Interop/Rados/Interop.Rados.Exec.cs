using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        /// <summary>
        /// Adds a class method call to a read op. When the op runs, <paramref name="output"/> receives a buffer
        /// (free with <see cref="rados_buffer_free"/>) holding all the method wrote, and <paramref name="result"/>
        /// its return value. Methods that write run as writes all the same: the OSD decides by the method's flags.
        /// </summary>
        [LibraryImport(Libraries.Rados, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial void rados_read_op_exec(
            nint readOp, string className, string method, byte* input, nuint inputLength, byte** output, nuint* outputLength, int* result);
    }
}
