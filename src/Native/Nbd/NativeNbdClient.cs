using System.Globalization;
using System.Runtime.InteropServices;
using StorageKit.Nbd;

namespace StorageKit.Native.Nbd;

/// <summary>
/// An NBD client connection through libnbd (<c>libnbd.so.0</c>): one <c>nbd_handle</c>, configured, connected and
/// used exactly as its C API is, with libnbd's errno and message on every failure. Synchronous members block in
/// libnbd (which serialises calls on a handle); asynchronous ones return at once and complete from a poller
/// thread that drives the connection.
/// </summary>
public sealed partial class NativeNbdClient : INbdClient
{
    private readonly NbdHandle _handle;
    private readonly NbdPoller _poller;
    private int _closed;

    /// <summary>Creates an unconnected handle (<c>nbd_create</c>).</summary>
    /// <exception cref="NativeLibraryNotFoundException">libnbd is not installed.</exception>
    public NativeNbdClient()
    {
        Interop.EnsureLoaded(Interop.Libraries.Nbd);
        Interop.EnsureLoaded(Interop.Libraries.Libc);
        _handle = NbdHandle.Create();
        _poller = new NbdPoller(_handle);
    }

    /// <inheritdoc />
    public string ExportName
    {
        get
        {
            using var lease = Use("nbd_get_export_name");
            unsafe
            {
                return NbdCall.TakeString(Interop.Nbd.nbd_get_export_name(lease.Handle), "nbd_get_export_name");
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            using var lease = Use("nbd_set_export_name");
            NbdCall.Check(Interop.Nbd.nbd_set_export_name(lease.Handle, value), "nbd_set_export_name");
        }
    }

    /// <inheritdoc />
    public bool RequestStructuredReplies
    {
        get
        {
            using var lease = Use("nbd_get_request_structured_replies");
            return NbdCall.CheckBool(Interop.Nbd.nbd_get_request_structured_replies(lease.Handle), "nbd_get_request_structured_replies");
        }

        set
        {
            using var lease = Use("nbd_set_request_structured_replies");
            NbdCall.Check(Interop.Nbd.nbd_set_request_structured_replies(lease.Handle, value), "nbd_set_request_structured_replies");
        }
    }

    /// <inheritdoc />
    public bool FullInfo
    {
        get
        {
            using var lease = Use("nbd_get_full_info");
            return NbdCall.CheckBool(Interop.Nbd.nbd_get_full_info(lease.Handle), "nbd_get_full_info");
        }

        set
        {
            using var lease = Use("nbd_set_full_info");
            NbdCall.Check(Interop.Nbd.nbd_set_full_info(lease.Handle, value), "nbd_set_full_info");
        }
    }

    /// <inheritdoc />
    public bool OptionMode
    {
        get
        {
            using var lease = Use("nbd_get_opt_mode");
            return NbdCall.CheckBool(Interop.Nbd.nbd_get_opt_mode(lease.Handle), "nbd_get_opt_mode");
        }

        set
        {
            using var lease = Use("nbd_set_opt_mode");
            NbdCall.Check(Interop.Nbd.nbd_set_opt_mode(lease.Handle, value), "nbd_set_opt_mode");
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> RequestedMetaContexts
    {
        get
        {
            using var lease = Use("nbd_get_nr_meta_contexts");
            long count = NbdCall.Check(Interop.Nbd.nbd_get_nr_meta_contexts(lease.Handle), "nbd_get_nr_meta_contexts");
            var names = new List<string>((int)count);
            for (long i = 0; i < count; i++)
            {
                unsafe
                {
                    names.Add(NbdCall.TakeString(Interop.Nbd.nbd_get_meta_context(lease.Handle, (nuint)i), "nbd_get_meta_context"));
                }
            }

            return names.AsReadOnly();
        }
    }

    /// <inheritdoc />
    public bool IsConnected
    {
        get
        {
            using var lease = Use("nbd_aio_is_ready");
            // Ready excludes commands in flight ("processing"); both are a live, negotiated connection.
            return NbdCall.CheckBool(Interop.Nbd.nbd_aio_is_ready(lease.Handle), "nbd_aio_is_ready")
                || NbdCall.CheckBool(Interop.Nbd.nbd_aio_is_processing(lease.Handle), "nbd_aio_is_processing");
        }
    }

    /// <inheritdoc />
    public string Protocol
    {
        get
        {
            using var lease = Use("nbd_get_protocol");
            unsafe
            {
                // A static string: not freed.
                byte* protocol = Interop.Nbd.nbd_get_protocol(lease.Handle);
                return protocol is null ? throw NbdCall.LastError("nbd_get_protocol") : NativeText.FromNulTerminated(protocol);
            }
        }
    }

    /// <inheritdoc />
    public bool StructuredRepliesNegotiated
    {
        get
        {
            using var lease = Use("nbd_get_structured_replies_negotiated");
            return NbdCall.CheckBool(Interop.Nbd.nbd_get_structured_replies_negotiated(lease.Handle), "nbd_get_structured_replies_negotiated");
        }
    }

    /// <inheritdoc />
    public void AddMetaContext(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var lease = Use("nbd_add_meta_context");
        NbdCall.Check(Interop.Nbd.nbd_add_meta_context(lease.Handle, name), "nbd_add_meta_context");
    }

    /// <inheritdoc />
    public void ConnectTcp(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        using var lease = Use("nbd_connect_tcp");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_connect_tcp(lease.Handle, host, port.ToString(CultureInfo.InvariantCulture)), "nbd_connect_tcp");
    }

    /// <inheritdoc />
    public void ConnectUnix(string socketPath)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        using var lease = Use("nbd_connect_unix");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_connect_unix(lease.Handle, socketPath), "nbd_connect_unix");
    }

    /// <inheritdoc />
    public void ConnectUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        using var lease = Use("nbd_connect_uri");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_connect_uri(lease.Handle, uri), "nbd_connect_uri");
    }

    /// <inheritdoc />
    public IReadOnlyList<NbdExportListing> ListExports()
    {
        const string operation = "nbd_opt_list";
        using var lease = Use(operation);
        using var drive = _poller.EnterDrive();
        var collector = new NbdCollector<NbdExportListing>();
        GCHandle target = GCHandle.Alloc(collector);
        try
        {
            NbdCall.Check(Interop.Nbd.nbd_opt_list(lease.Handle, NbdCallbacks.During(NbdCallbacks.ListEntry, target)), operation);
        }
        finally
        {
            target.Free();
        }

        collector.ThrowIfFailed();
        return collector.Items.AsReadOnly();
    }

    /// <inheritdoc />
    public void Info()
    {
        using var lease = Use("nbd_opt_info");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_opt_info(lease.Handle), "nbd_opt_info");
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListMetaContexts()
    {
        const string operation = "nbd_opt_list_meta_context";
        using var lease = Use(operation);
        using var drive = _poller.EnterDrive();
        var collector = new NbdCollector<string>();
        GCHandle target = GCHandle.Alloc(collector);
        try
        {
            NbdCall.Check(Interop.Nbd.nbd_opt_list_meta_context(lease.Handle, NbdCallbacks.During(NbdCallbacks.Context, target)), operation);
        }
        finally
        {
            target.Free();
        }

        collector.ThrowIfFailed();
        return collector.Items.AsReadOnly();
    }

    /// <inheritdoc />
    public void Go()
    {
        using var lease = Use("nbd_opt_go");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_opt_go(lease.Handle), "nbd_opt_go");
    }

    /// <inheritdoc />
    public void Abort()
    {
        using var lease = Use("nbd_opt_abort");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_opt_abort(lease.Handle), "nbd_opt_abort");
    }

    /// <inheritdoc />
    public long GetSize()
    {
        using var lease = Use("nbd_get_size");
        return NbdCall.Check(Interop.Nbd.nbd_get_size(lease.Handle), "nbd_get_size");
    }

    /// <inheritdoc />
    public NbdExportFlags GetExportFlags()
    {
        using var lease = Use("nbd_is_read_only");
        NbdHandle handle = lease.Handle;
        // Each query fails the same way before negotiation (ENOTCONN); the first one reports it.
        NbdExportFlags flags = NbdExportFlags.HasFlags;
        flags |= Flag(Interop.Nbd.nbd_is_read_only(handle), "nbd_is_read_only", NbdExportFlags.ReadOnly);
        flags |= Flag(Interop.Nbd.nbd_can_flush(handle), "nbd_can_flush", NbdExportFlags.CanFlush);
        flags |= Flag(Interop.Nbd.nbd_can_fua(handle), "nbd_can_fua", NbdExportFlags.CanFua);
        flags |= Flag(Interop.Nbd.nbd_is_rotational(handle), "nbd_is_rotational", NbdExportFlags.Rotational);
        flags |= Flag(Interop.Nbd.nbd_can_trim(handle), "nbd_can_trim", NbdExportFlags.CanTrim);
        flags |= Flag(Interop.Nbd.nbd_can_zero(handle), "nbd_can_zero", NbdExportFlags.CanZero);
        flags |= Flag(Interop.Nbd.nbd_can_df(handle), "nbd_can_df", NbdExportFlags.CanDf);
        flags |= Flag(Interop.Nbd.nbd_can_multi_conn(handle), "nbd_can_multi_conn", NbdExportFlags.CanMultiConn);
        flags |= Flag(Interop.Nbd.nbd_can_cache(handle), "nbd_can_cache", NbdExportFlags.CanCache);
        flags |= Flag(Interop.Nbd.nbd_can_fast_zero(handle), "nbd_can_fast_zero", NbdExportFlags.CanFastZero);
        return flags;

        static NbdExportFlags Flag(int result, string operation, NbdExportFlags flag)
            => NbdCall.CheckBool(result, operation) ? flag : NbdExportFlags.None;
    }

    /// <inheritdoc />
    public bool CanMetaContext(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var lease = Use("nbd_can_meta_context");
        return NbdCall.CheckBool(Interop.Nbd.nbd_can_meta_context(lease.Handle, name), "nbd_can_meta_context");
    }

    /// <inheritdoc />
    public long GetBlockSize(NbdBlockSizeKind kind)
    {
        // An undefined kind goes to libnbd, which answers EINVAL.
        using var lease = Use("nbd_get_block_size");
        return NbdCall.Check(Interop.Nbd.nbd_get_block_size(lease.Handle, (int)kind), "nbd_get_block_size");
    }

    /// <inheritdoc />
    public unsafe string GetCanonicalExportName()
    {
        using var lease = Use("nbd_get_canonical_export_name");
        return NbdCall.TakeString(Interop.Nbd.nbd_get_canonical_export_name(lease.Handle), "nbd_get_canonical_export_name");
    }

    /// <inheritdoc />
    public unsafe string GetExportDescription()
    {
        using var lease = Use("nbd_get_export_description");
        return NbdCall.TakeString(Interop.Nbd.nbd_get_export_description(lease.Handle), "nbd_get_export_description");
    }

    /// <inheritdoc />
    public void Shutdown(bool abandonPending = false)
    {
        using var lease = Use("nbd_shutdown");
        using var drive = _poller.EnterDrive();
        NbdCall.Check(Interop.Nbd.nbd_shutdown(lease.Handle, abandonPending ? Interop.Nbd.ShutdownAbandonPending : 0), "nbd_shutdown");
    }

    /// <inheritdoc />
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        // The poller lets go of the socket first; nbd_close then runs once running calls drop their leases,
        // and fails the tasks of commands still in flight (through their free functions).
        _poller.Dispose();
        _handle.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <summary>A lease on the handle for one call, or <see cref="NbdClosedHandleException"/> naming <paramref name="operation"/>.</summary>
    private HandleLease<NbdHandle> Use(string operation)
        => Volatile.Read(ref _closed) == 0 && HandleLease<NbdHandle>.TryAcquire(_handle, out var lease)
            ? lease
            : throw new NbdClosedHandleException(operation);
}
