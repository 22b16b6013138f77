using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using StorageKit.Nbd;

namespace StorageKit.Native.Nbd;

/// <summary>
/// The functions libnbd calls back. Each finds its managed target through a <see cref="GCHandle"/> in the user
/// data and catches everything: an exception must not unwind into libnbd (it holds the handle's lock). A failure
/// is kept on the target and rethrown by the caller once libnbd has returned.
/// </summary>
internal static unsafe class NbdCallbacks
{
    /// <summary><c>nbd_list_callback</c>: one exported name and description.</summary>
    public static nint ListEntry => (nint)(delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)&OnListEntry;

    /// <summary><c>nbd_context_callback</c>: one metadata context name.</summary>
    public static nint Context => (nint)(delegate* unmanaged[Cdecl]<nint, byte*, int>)&OnContext;

    /// <summary><c>nbd_chunk_callback</c>: one chunk of a structured read.</summary>
    public static nint Chunk => (nint)(delegate* unmanaged[Cdecl]<nint, void*, nuint, ulong, uint, int*, int>)&OnChunk;

    /// <summary><c>nbd_extent_callback</c>: the extents of one context.</summary>
    public static nint Extent => (nint)(delegate* unmanaged[Cdecl]<nint, byte*, ulong, uint*, nuint, int*, int>)&OnExtent;

    /// <summary><c>nbd_completion_callback</c>: an asynchronous command is done.</summary>
    public static nint Completion => (nint)(delegate* unmanaged[Cdecl]<nint, int*, int>)&OnCompletion;

    /// <summary>The free function of a completion callback: libnbd is done with the command and its buffer.</summary>
    public static nint Free => (nint)(delegate* unmanaged[Cdecl]<nint, void>)&OnFree;

    /// <summary>A callback parameter whose target lives as long as the (synchronous) call: no free function.</summary>
    public static Interop.Nbd.Callback During(nint function, GCHandle target)
        => new() { Function = function, UserData = GCHandle.ToIntPtr(target), Free = 0 };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnListEntry(nint userData, byte* name, byte* description)
    {
        if (Target<NbdCollector<NbdExportListing>>(userData) is { } collector)
        {
            try
            {
                collector.Items.Add(new NbdExportListing(NativeText.FromNulTerminated(name), NativeText.FromNulTerminated(description)));
            }
#pragma warning disable CA1031 // Nothing may escape into libnbd; the caller rethrows it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                collector.Fail(ex);
            }
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnContext(nint userData, byte* name)
    {
        if (Target<NbdCollector<string>>(userData) is { } collector)
        {
            try
            {
                collector.Items.Add(NativeText.FromNulTerminated(name));
            }
#pragma warning disable CA1031 // Nothing may escape into libnbd; the caller rethrows it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                collector.Fail(ex);
            }
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnChunk(nint userData, void* subBuffer, nuint count, ulong offset, uint status, int* error)
    {
        // libnbd itself copies data chunks into the buffer and zeroes holes; only the shape is recorded here.
        if (Target<NbdCollector<NbdReadChunk>>(userData) is { } collector)
        {
            try
            {
                collector.Items.Add(new NbdReadChunk(checked((long)offset), checked((long)count), (NbdReadChunkKind)status));
            }
#pragma warning disable CA1031 // Nothing may escape into libnbd; the caller rethrows it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                collector.Fail(ex);
            }
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnExtent(nint userData, byte* context, ulong offset, uint* entries, nuint count, int* error)
    {
        NbdExtentCollector? collector = Target<NbdExtentCollector>(userData) ?? Target<NbdAioOperation>(userData)?.Extents;
        if (collector is not null)
        {
            try
            {
                collector.Add(NativeText.FromNulTerminated(context), checked((long)offset), new ReadOnlySpan<uint>(entries, checked((int)count)));
            }
#pragma warning disable CA1031 // Nothing may escape into libnbd; the caller rethrows it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                collector.Fail(ex);
            }
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCompletion(nint userData, int* error)
    {
        try
        {
            Target<NbdAioOperation>(userData)?.Complete(*error);
        }
#pragma warning disable CA1031 // Nothing may escape into libnbd's (or the poller's) thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        // 1: libnbd retires the command itself (nobody calls nbd_aio_command_completed).
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFree(nint userData)
    {
        try
        {
            Target<NbdAioOperation>(userData)?.Released();
        }
#pragma warning disable CA1031 // Nothing may escape into libnbd's thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static T? Target<T>(nint userData)
        where T : class
        => userData == 0 ? null : GCHandle.FromIntPtr(userData).Target as T;
}

/// <summary>Something a callback fills; a failure inside the callback is kept and rethrown after the call.</summary>
internal abstract class NbdCallbackTarget
{
    private ExceptionDispatchInfo? _failure;

    public void Fail(Exception exception) => _failure ??= ExceptionDispatchInfo.Capture(exception);

    public void ThrowIfFailed() => _failure?.Throw();
}

/// <summary>Items a list, context or chunk callback reports, in order.</summary>
internal sealed class NbdCollector<T> : NbdCallbackTarget
{
    public List<T> Items { get; } = [];
}

/// <summary>Block status extents by context, at absolute offsets.</summary>
internal sealed class NbdExtentCollector : NbdCallbackTarget
{
    private readonly Dictionary<string, List<NbdExtent>> _contexts = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="entries"/> are (length, flags) pairs starting at <paramref name="offset"/> (the request's
    /// offset); a second reply for the same context continues where the first ended.
    /// </summary>
    public void Add(string context, long offset, ReadOnlySpan<uint> entries)
    {
        if (!_contexts.TryGetValue(context, out List<NbdExtent>? extents))
        {
            extents = [];
            _contexts.Add(context, extents);
        }
        else if (extents.Count > 0)
        {
            NbdExtent last = extents[^1];
            offset = last.Offset + last.Length;
        }

        for (int i = 0; i + 1 < entries.Length; i += 2)
        {
            extents.Add(new NbdExtent(offset, entries[i], entries[i + 1]));
            offset += entries[i];
        }
    }

    public NbdBlockStatus ToBlockStatus()
        => new(_contexts.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<NbdExtent>)pair.Value.AsReadOnly(), StringComparer.Ordinal));
}
