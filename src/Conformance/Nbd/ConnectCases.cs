using StorageKit.Conformance.Framework;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>Connecting: transports, what the handshake tells, errors of bad endpoints and names, states before and after.</summary>
[ConformanceArea("nbd.connect")]
public static class ConnectCases
{
    private const string NotConnectedSize = "nbd_get_size: invalid state: START: the handle must be negotiating, or connected with the server, or shut down: Transport endpoint is not connected";

    /// <summary>a Unix socket connection negotiates fixed newstyle and structured replies.</summary>
    [ConformanceCase]
    public static void ConnectUnixNegotiatesFixedNewstyle(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.True(client.IsConnected, "connected");
        Check.Equal("newstyle-fixed", client.Protocol, "protocol");
        Check.True(client.StructuredRepliesNegotiated, "structured replies negotiated");
    }

    /// <summary>the size is the export's, odd sizes included.</summary>
    [ConformanceCase]
    public static void SizeIsTheExports(NbdCaseContext c)
    {
        Check.Equal(1L << 20, c.Connected().GetSize(), "default 1 MiB export");
        Check.Equal((3L << 20) + 512, c.Connected(new NbdExportSpec { Size = (3L << 20) + 512 }).GetSize(), "3 MiB + 512");
        Check.Equal(1L << 40, c.Connected(new NbdExportSpec { Size = 1L << 40 }).GetSize(), "1 TiB, sparse");
    }

    /// <summary>the default export advertises what nbdkit memory advertises.</summary>
    [ConformanceCase]
    public static void DefaultExportFlags(NbdCaseContext c)
        => Check.Equal(NbdFlags.Writable, NbdFlags.Of(c.Connected()), "flags of the default export");

    /// <summary>a read-only export drops FUA, trim, zero and fast zero and keeps flush, cache, DF, multi-conn.</summary>
    [ConformanceCase]
    public static void ReadOnlyExportFlags(NbdCaseContext c)
        => Check.Equal(NbdFlags.ReadOnly, NbdFlags.Of(c.Connected(new NbdExportSpec { ReadOnly = true })), "flags of a read-only export");

    /// <summary>each feature switched off on the server disappears from the flags.</summary>
    [ConformanceCase]
    public static void FeatureTogglesShowInFlags(NbdCaseContext c)
    {
        Check.Equal(NbdFlags.Writable & ~(NbdExportFlags.CanZero | NbdExportFlags.CanFastZero), NbdFlags.Of(c.Connected(new NbdExportSpec { Zero = false })), "no zero");
        Check.Equal(NbdFlags.Writable & ~NbdExportFlags.CanFastZero, NbdFlags.Of(c.Connected(new NbdExportSpec { FastZero = false })), "no fast zero");
        Check.Equal(NbdFlags.Writable & ~NbdExportFlags.CanFua, NbdFlags.Of(c.Connected(new NbdExportSpec { Fua = false })), "no FUA");
        Check.Equal(NbdFlags.Writable & ~NbdExportFlags.CanCache, NbdFlags.Of(c.Connected(new NbdExportSpec { Cache = false })), "no cache");
        Check.Equal(NbdFlags.Writable & ~NbdExportFlags.CanMultiConn, NbdFlags.Of(c.Connected(new NbdExportSpec { MultiConn = false })), "no multi-conn");
    }

    /// <summary>a closed handle throws its own error on every call, and closing again is harmless.</summary>
    [ConformanceCase]
    public static void ClosedHandleThrowsClosedHandle(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Close();
        client.Close();
        Check.ClosedHandle(() => client.GetSize(), "GetSize after Close");
        Check.ClosedHandle(() => client.Read(new byte[1], 0), "Read after Close");
        Check.ClosedHandle(() => _ = client.ExportName, "ExportName after Close");
        Check.ClosedHandle(() => client.ConnectUnix("/nonexistent"), "ConnectUnix after Close");
    }

    /// <summary>asking for an export the server does not have fails with ENOENT and leaves the handle dead.</summary>
    [ConformanceCase]
    public static void BadExportNameIsEnoent(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(new NbdExportSpec { Name = "disk" });
        INbdClient client = export.NewClient();
        client.ExportName = "other";
        Check.NbdError(Errno.ENOENT, () => client.ConnectUnix(export.SocketPath), "connect to export 'other'", "nbd_connect_unix: handshake: server has no export named 'other': No such file or directory");
        Check.NbdError(Errno.EINVAL, () => client.GetSize(), "GetSize of the dead handle", "nbd_get_size: invalid state: DEAD: the handle must be negotiating, or connected with the server, or shut down: Invalid argument");
        Check.Equal(1L << 20, export.Connected().GetSize(), "the right name still works");
    }

    /// <summary>before connecting, commands and export queries fail with ENOTCONN and libnbd's state message.</summary>
    [ConformanceCase]
    public static void CallsBeforeConnectAreEnotconn(NbdCaseContext c)
    {
        INbdClient client = c.NewClient();
        Check.NbdError(Errno.ENOTCONN, () => client.GetSize(), "GetSize", NotConnectedSize);
        Check.NbdError(Errno.ENOTCONN, () => client.Read(new byte[1], 0), "Read", "nbd_pread: invalid state: START: the handle must be connected with the server: Transport endpoint is not connected");
        Check.NbdError(Errno.ENOTCONN, () => client.Flush(), "Flush");
        Check.NbdError(Errno.ENOTCONN, () => client.GetExportFlags(), "GetExportFlags");
        Check.NbdError(Errno.ENOTCONN, () => _ = client.Protocol, "Protocol");
        Check.NbdError(Errno.ENOTCONN, () => client.Shutdown(), "Shutdown", "nbd_shutdown: invalid state: START: the handle must be connected with the server: Transport endpoint is not connected");
        Check.NbdError(Errno.ENOTCONN, () => client.Go(), "Go", "nbd_opt_go: invalid state: START: the handle must be negotiating: Transport endpoint is not connected");
        Check.True(!client.IsConnected, "not connected");
        Check.Equal("", client.ExportName, "default export name");
        Check.True(client.RequestStructuredReplies, "structured replies requested by default");
        Check.True(!client.FullInfo && !client.OptionMode, "no full info, no option mode by default");
    }

    /// <summary>a socket path nobody listens on is ENOENT; the handle is dead and cannot connect again.</summary>
    [ConformanceCase]
    public static void MissingSocketIsEnoent(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        string missing = export.SocketPath + ".missing";
        Check.NbdError(Errno.ENOENT, () => client.ConnectUnix(missing), "connect to a missing socket", "nbd_connect_unix: connect: No such file or directory");
        Check.NbdError(Errno.EINVAL, () => client.ConnectUnix(export.SocketPath), "connect again", "nbd_connect_unix: invalid state: DEAD: the handle must be newly created: Invalid argument");
    }

    /// <summary>an nbd+unix URI connects and sets the export name from its path.</summary>
    [ConformanceCase]
    public static void ConnectUriSetsExportName(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(new NbdExportSpec { Name = "disk", Size = 2 << 20 });
        INbdClient client = export.NewClient();
        client.ConnectUri(export.Uri);
        Check.Equal("disk", client.ExportName, "export name from the URI");
        Check.Equal(2L << 20, client.GetSize(), "size");
    }

    /// <summary>after shutdown the export's facts remain, commands are refused, and a second shutdown is EINVAL.</summary>
    [ConformanceCase]
    public static void ShutdownKeepsFactsRefusesCommands(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Shutdown();
        Check.True(!client.IsConnected, "not connected after shutdown");
        Check.Equal(1L << 20, client.GetSize(), "size after shutdown");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], 0), "Read after shutdown", "nbd_pread: invalid state: CLOSED: the handle must be connected with the server: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Shutdown(), "second shutdown", "nbd_shutdown: invalid state: CLOSED: the handle must be connected with the server: Invalid argument");
    }
}
