using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>Image options, removal with progress and the other ways to open an image.</summary>
internal sealed partial class NativeRbdClient
{
    /// <inheritdoc />
    public IRadosIoContext IoContext => ioContext;

    /// <inheritdoc />
    public void Create(string name, long size, RbdImageOptions options)
    {
        RbdArguments.ImageName(name);
        RbdArguments.NotNegative(size, nameof(size));
        RbdArguments.Options(options);
        using var lease = ioContext.Use("rbd_create4", name);
        Interop.Rbd.rbd_image_options_create(out nint nativeOptions);
        try
        {
            SetOption(nativeOptions, Interop.Rbd.ImageOptionFormat, options.Format);
            // Features left null mean layering only, as rbd_create2 here does, not rbd_default_features (61).
            SetOption(nativeOptions, Interop.Rbd.ImageOptionFeatures, (long)(options.Features ?? RbdFeatures.Layering));
            SetOption(nativeOptions, Interop.Rbd.ImageOptionOrder, options.Order);
            SetOption(nativeOptions, Interop.Rbd.ImageOptionStripeUnit, options.StripeUnit);
            SetOption(nativeOptions, Interop.Rbd.ImageOptionStripeCount, options.StripeCount);
            RadosCall.Check(Interop.Rbd.rbd_create4(lease.Handle, name, (ulong)size, nativeOptions), "rbd_create4", name);
        }
        finally
        {
            Interop.Rbd.rbd_image_options_destroy(nativeOptions);
        }
    }

    /// <inheritdoc />
    public unsafe void Remove(string name, IProgress<RbdProgress>? progress)
    {
        RbdArguments.ImageName(name);
        if (progress is null)
        {
            Remove(name);
            return;
        }

        using var lease = ioContext.Use("rbd_remove_with_progress", name);
        using var relay = new NativeRbdProgress(progress);
        RadosCall.Check(Interop.Rbd.rbd_remove_with_progress(lease.Handle, name, NativeRbdProgress.Callback, relay.State), "rbd_remove_with_progress", name);
        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public IRbdImage Open(string name, string? snapshotName, bool readOnly)
    {
        RbdArguments.ImageName(name);
        if (snapshotName is not null)
        {
            RbdArguments.ImageName(snapshotName, nameof(snapshotName));
        }

        string operation = readOnly ? "rbd_open_read_only" : "rbd_open";
        using var lease = ioContext.Use(operation, name);
        var handle = RbdImageHandle.Open(lease.Handle, io =>
        {
            int returnCode = readOnly
                ? Interop.Rbd.rbd_open_read_only(io, name, out nint image, snapshotName)
                : Interop.Rbd.rbd_open(io, name, out image, snapshotName);
            RadosCall.Check(returnCode, operation, name);
            return image;
        });
        return new NativeRbdImage(name, handle) { OpenedReadOnly = readOnly, OpenedAtSnapshot = snapshotName };
    }

    /// <inheritdoc />
    public IRbdImage OpenById(string id, string? snapshotName = null, bool readOnly = false)
    {
        RbdArguments.ImageName(id, nameof(id));
        if (snapshotName is not null)
        {
            RbdArguments.ImageName(snapshotName, nameof(snapshotName));
        }

        string operation = readOnly ? "rbd_open_by_id_read_only" : "rbd_open_by_id";
        using var lease = ioContext.Use(operation, id);
        var handle = RbdImageHandle.Open(lease.Handle, io =>
        {
            int returnCode = readOnly
                ? Interop.Rbd.rbd_open_by_id_read_only(io, id, out nint image, snapshotName)
                : Interop.Rbd.rbd_open_by_id(io, id, out image, snapshotName);
            RadosCall.Check(returnCode, operation, id);
            return image;
        });
        try
        {
            return new NativeRbdImage(NativeRbdImage.NameOf(handle, id), handle) { OpenedReadOnly = readOnly, OpenedAtSnapshot = snapshotName };
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void SetOption(nint options, int option, long? value)
    {
        if (value is long given)
        {
            RadosCall.Check(Interop.Rbd.rbd_image_options_set_uint64(options, option, (ulong)given), "rbd_image_options_set_uint64");
        }
    }
}
