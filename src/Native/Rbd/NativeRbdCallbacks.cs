using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>
/// librbd callbacks that run while the calling thread waits in the librbd call (progress, diff extents), so a
/// <see cref="GCHandle"/> to the managed target lives exactly as long as the call.
/// </summary>
internal static unsafe class NativeRbdCallbacks
{
    public static delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> Progress => &OnProgress;

    public static delegate* unmanaged[Cdecl]<ulong, nuint, int, nint, int> DiffExtent => &OnDiffExtent;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnProgress(ulong done, ulong total, nint argument)
    {
        try
        {
            if (argument != 0 && GCHandle.FromIntPtr(argument).Target is IProgress<RbdProgress> progress)
            {
                progress.Report(new RbdProgress(checked((long)done), checked((long)total)));
            }
        }
#pragma warning disable CA1031 // Nothing may escape into librbd's thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnDiffExtent(ulong offset, nuint length, int exists, nint argument)
    {
        try
        {
            if (GCHandle.FromIntPtr(argument).Target is List<RbdDiffExtent> extents)
            {
                extents.Add(new RbdDiffExtent(checked((long)offset), checked((long)length), exists != 0));
            }
        }
#pragma warning disable CA1031 // Nothing may escape into librbd's thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return 0;
    }
}
