using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rados
    {
        /// <summary>
        /// The <paramref name="commandCount"/> strings of <paramref name="command"/> are concatenated into one JSON
        /// command. The output and status buffers are allocated by librados (free with <see cref="rados_buffer_free"/>).
        /// Hangs for ever on a handle that never connected (measured on 16.2.15).
        /// </summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_mon_command(
            RadosClusterHandle cluster, byte** command, nuint commandCount, byte* input, nuint inputLength,
            byte** output, nuint* outputLength, byte** status, nuint* statusLength);

        /// <summary>As <see cref="rados_mon_command"/>, to the active manager; also hangs before connect.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_mgr_command(
            RadosClusterHandle cluster, byte** command, nuint commandCount, byte* input, nuint inputLength,
            byte** output, nuint* outputLength, byte** status, nuint* statusLength);

        /// <summary>As <see cref="rados_mon_command"/>, to one OSD; crashes (SIGSEGV) before connect.</summary>
        [LibraryImport(Libraries.Rados)]
        internal static unsafe partial int rados_osd_command(
            RadosClusterHandle cluster, int osd, byte** command, nuint commandCount, byte* input, nuint inputLength,
            byte** output, nuint* outputLength, byte** status, nuint* statusLength);
    }
}
