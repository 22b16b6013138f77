using System.Runtime.InteropServices;
using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

internal sealed partial class NativeRbdImage
{
    /// <inheritdoc />
    public RbdParentInfo? GetParent()
    {
        using var lease = Use();
        int returnCode = Interop.Rbd.rbd_get_parent(lease.Handle, out var image, out var snapshot);
        if (returnCode == -(int)Errno.ENOENT)
        {
            return null;
        }

        RadosCall.Check(returnCode, "rbd_get_parent", Name);
        try
        {
            return ParentOf(image, snapshot);
        }
        finally
        {
            Interop.Rbd.rbd_linked_image_spec_cleanup(ref image);
            Interop.Rbd.rbd_snap_spec_cleanup(ref snapshot);
        }
    }

    /// <inheritdoc />
    public long Overlap
    {
        get
        {
            using var lease = Use();
            RadosCall.Check(Interop.Rbd.rbd_get_overlap(lease.Handle, out ulong overlap), "rbd_get_overlap", Name);
            return checked((long)overlap);
        }
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<RbdChildInfo> ListChildren()
    {
        using var lease = Use();
        nuint count = 8;
        while (true)
        {
            var specs = new Interop.Rbd.LinkedImageSpec[(int)count];
            nuint requested = count;
            int returnCode;
            fixed (Interop.Rbd.LinkedImageSpec* pointer = specs)
            {
                returnCode = Interop.Rbd.rbd_list_children3(lease.Handle, pointer, ref count);
                if (returnCode == -(int)Errno.ERANGE && count > requested)
                {
                    continue;
                }

                RadosCall.Check(returnCode, "rbd_list_children3", Name);
                try
                {
                    var children = new List<RbdChildInfo>((int)count);
                    for (int i = 0; i < (int)count; i++)
                    {
                        ref var spec = ref specs[i];
                        children.Add(new RbdChildInfo(
                            spec.PoolId,
                            NativeText.FromNulTerminated(spec.PoolName),
                            NativeText.FromNulTerminated(spec.PoolNamespace),
                            NativeText.FromNulTerminated(spec.ImageId),
                            NativeText.FromNulTerminated(spec.ImageName),
                            spec.Trash != 0));
                    }

                    return children;
                }
                finally
                {
                    Interop.Rbd.rbd_linked_image_spec_list_cleanup(pointer, count);
                }
            }
        }
    }

    /// <inheritdoc />
    public unsafe void Flatten(IProgress<RbdProgress>? progress)
    {
        using var lease = Use();
        using var callback = new ProgressArgument(progress);
        RadosCall.Check(Interop.Rbd.rbd_flatten_with_progress(lease.Handle, NativeRbdCallbacks.Progress, callback.Pointer), "rbd_flatten_with_progress", Name);
    }

    /// <inheritdoc />
    public unsafe void Copy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options, IProgress<RbdProgress>? progress)
    {
        NativeRadosIoContext destination = NativeIoContext(destinationIoContext, nameof(destinationIoContext));
        RbdArguments.ImageName(destinationName, nameof(destinationName));
        using var lease = Use();
        using var destinationLease = destination.Use("rbd_copy_with_progress3", destinationName);
        using var nativeOptions = NativeImageOptions.From(options, "rbd_copy_with_progress3", destinationName);
        using var callback = new ProgressArgument(progress);
        RadosCall.Check(
            Interop.Rbd.rbd_copy_with_progress3(lease.Handle, destinationLease.Handle, destinationName, nativeOptions.Handle, NativeRbdCallbacks.Progress, callback.Pointer),
            "rbd_copy_with_progress3",
            destinationName);
    }

    /// <inheritdoc />
    public unsafe void DeepCopy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options, IProgress<RbdProgress>? progress)
    {
        NativeRadosIoContext destination = NativeIoContext(destinationIoContext, nameof(destinationIoContext));
        RbdArguments.ImageName(destinationName, nameof(destinationName));
        using var lease = Use();
        using var destinationLease = destination.Use("rbd_deep_copy_with_progress", destinationName);
        using var nativeOptions = NativeImageOptions.From(options, "rbd_deep_copy_with_progress", destinationName);
        using var callback = new ProgressArgument(progress);
        RadosCall.Check(
            Interop.Rbd.rbd_deep_copy_with_progress(lease.Handle, destinationLease.Handle, destinationName, nativeOptions.Handle, NativeRbdCallbacks.Progress, callback.Pointer),
            "rbd_deep_copy_with_progress",
            destinationName);
    }

    /// <summary>The native io context behind <paramref name="ioContext"/>; an io context of another implementation is an argument error.</summary>
    internal static NativeRadosIoContext NativeIoContext(IRadosIoContext ioContext, string paramName)
    {
        ArgumentNullException.ThrowIfNull(ioContext, paramName);
        return ioContext as NativeRadosIoContext
            ?? throw new ArgumentException("The io context does not come from the native implementation.", paramName);
    }

    private static unsafe RbdParentInfo ParentOf(Interop.Rbd.LinkedImageSpec image, Interop.Rbd.SnapSpec snapshot) => new(
        image.PoolId,
        NativeText.FromNulTerminated(image.PoolName),
        NativeText.FromNulTerminated(image.PoolNamespace),
        NativeText.FromNulTerminated(image.ImageId),
        NativeText.FromNulTerminated(image.ImageName),
        image.Trash != 0,
        snapshot.Id,
        NativeText.FromNulTerminated(snapshot.Name),
        (RbdSnapshotNamespaceType)snapshot.NamespaceType);

    /// <summary>A <see cref="GCHandle"/> to the progress sink for the duration of one librbd call (0 when there is none).</summary>
    private readonly struct ProgressArgument : IDisposable
    {
        private readonly GCHandle _handle;

        public ProgressArgument(IProgress<RbdProgress>? progress) => _handle = progress is null ? default : GCHandle.Alloc(progress);

        public nint Pointer => _handle.IsAllocated ? GCHandle.ToIntPtr(_handle) : 0;

        public void Dispose()
        {
            if (_handle.IsAllocated)
            {
                _handle.Free();
            }
        }
    }
}
