using StorageKit.Conformance.Framework;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>URI forms, connection errors, shutdown with commands in flight, the closed handle on every member.</summary>
[ConformanceArea("nbd.connect")]
public static class ConnectErrorCases
{
    /// <summary>an nbd+unix URI without the empty path, and one with a percent-encoded export name, connect.</summary>
    [ConformanceCase]
    public static void UriForms(NbdCaseContext c)
    {
        NbdTestExport plain = c.StartExport();
        INbdClient noPath = plain.NewClient();
        noPath.ConnectUri($"nbd+unix://?socket={plain.SocketPath}");
        Check.Equal(1L << 20, noPath.GetSize(), "nbd+unix://?socket=");

        NbdTestExport spaced = c.StartExport(new NbdExportSpec { Name = "a b", Size = 4 << 20 });
        INbdClient encoded = spaced.NewClient();
        encoded.ConnectUri($"nbd+unix:///a%20b?socket={spaced.SocketPath}");
        Check.Equal("a b", encoded.ExportName, "decoded export name");
        Check.Equal(4L << 20, encoded.GetSize(), "size of 'a b'");
    }

    /// <summary>malformed URIs are EINVAL before anything is dialled, and the handle stays unconnected.</summary>
    [ConformanceCase]
    public static void MalformedUrisAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.NewClient();
        Check.NbdError(Errno.EINVAL, () => client.ConnectUri("http://localhost/"), "http scheme", "nbd_connect_uri: unknown NBD URI scheme: http: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ConnectUri("garbage"), "no scheme", "nbd_connect_uri: NBD URI does not have a scheme: valid NBD URIs should start with a scheme like nbd://, nbds:// or nbd+unix://: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ConnectUri("nbd+unix:///"), "nbd+unix without socket", "nbd_connect_uri: cannot parse socket parameter from NBD URI (did you mean to use \"nbd+unix:///?socket=...\"?): Invalid argument");
        Check.NbdError(Errno.ENOTCONN, () => client.GetSize(), "still newly created");
    }

    /// <summary>a TLS URI against a server without TLS is ENOTSUP (libnbd requires TLS for nbds).</summary>
    [ConformanceCase]
    public static void TlsUriWithoutServerTlsIsEnotsup(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        Check.NbdError(Errno.EOPNOTSUPP, () => client.ConnectUri($"nbds+unix:///?socket={export.SocketPath}"), "nbds+unix", "nbd_connect_uri: handshake: server refused TLS, but handle TLS setting is 'require' (2): Operation not supported");
        Check.NbdError(Errno.EINVAL, () => client.GetSize(), "the handle is dead", "nbd_get_size: invalid state: DEAD: the handle must be negotiating, or connected with the server, or shut down: Invalid argument");
    }

    /// <summary>a TCP port nobody listens on is ECONNREFUSED, by URI and by host and port.</summary>
    [ConformanceCase]
    public static void RefusedTcpIsEconnrefused(NbdCaseContext c)
    {
        Check.NbdError(Errno.ECONNREFUSED, () => c.NewClient().ConnectTcp("127.0.0.1", 1), "ConnectTcp", "nbd_connect_tcp: connect: 127.0.0.1:1: could not connect to remote host: Connection refused");
        Check.NbdError(Errno.ECONNREFUSED, () => c.NewClient().ConnectUri("nbd://127.0.0.1:1/"), "ConnectUri", "nbd_connect_uri: connect: 127.0.0.1:1: could not connect to remote host: Connection refused");
    }

    /// <summary>a Unix socket path longer than sun_path is ENAMETOOLONG and leaves the handle unconnected.</summary>
    [ConformanceCase]
    public static void OverlongSocketPathIsEnametoolong(NbdCaseContext c)
    {
        INbdClient client = c.NewClient();
        string path = "/tmp/" + new string('x', 200);
        Check.NbdError(Errno.ENAMETOOLONG, () => client.ConnectUnix(path), "200-byte socket path", $"nbd_connect_unix: socket name too long: {path}: File name too long");
        Check.NbdError(Errno.ENOTCONN, () => client.GetSize(), "still newly created");
    }

    /// <summary>InFlight needs a connection (ENOTCONN before), and works on a dead handle.</summary>
    [ConformanceCase]
    public static void InFlightStates(NbdCaseContext c)
    {
        INbdClient client = c.NewClient();
        Check.NbdError(Errno.ENOTCONN, () => _ = client.InFlight, "before connect", "nbd_aio_in_flight: invalid state: START: the handle must be connected with the server, or shut down, or dead: Transport endpoint is not connected");
        NbdTestExport export = c.StartExport(new NbdExportSpec { Name = "disk" });
        client.ExportName = "nope";
        Check.NbdError(Errno.ENOENT, () => client.ConnectUnix(export.SocketPath), "bad name");
        Check.Equal(0, client.InFlight, "in flight on a dead handle");
    }

    /// <summary>
    /// shutdown returns once every command already sent has its answer (abandoning pending ones changes nothing
    /// once sent): each write either succeeded and reached the export, or, on nbdkit, whose worker threads may
    /// still hold it when NBD_CMD_DISC arrives, failed with ESHUTDOWN.
    /// </summary>
    [ConformanceCase]
    public static async Task ShutdownFinishesCommandsInFlight(NbdCaseContext c)
    {
        foreach (bool abandon in new[] { false, true })
        {
            NbdTestExport export = c.StartExport();
            INbdClient client = export.Connected();
            Task[] writes = [.. Enumerable.Range(0, 8).Select(i => client.WriteAsync(Enumerable.Repeat((byte)(i + 1), 4096).ToArray(), i * 4096L))];
            client.Shutdown(abandon);
            Check.True(writes.All(w => w.IsCompleted), $"every write answered when shutdown returns (abandon {abandon})");
            Check.Equal(0, client.InFlight, $"in flight after shutdown (abandon {abandon})");
            byte[] back = new byte[8 * 4096];
            export.Connected().Read(back, 0);
            for (int i = 0; i < writes.Length; i++)
            {
                try
                {
                    await writes[i].ConfigureAwait(false);
                    Check.True(back.AsSpan(i * 4096, 4096).IndexOfAnyExcept((byte)(i + 1)) < 0, $"write {i} reached the export (abandon {abandon})");
                }
                catch (StorageException ex) when (ex.Errno == Errno.ESHUTDOWN)
                {
                    // nbdkit answered it after the disconnect request: allowed by the protocol's wording, never data loss.
                }
            }
        }
    }

    /// <summary>two clients of one export see each other's flushed writes (multi-conn).</summary>
    [ConformanceCase]
    public static void TwoClientsShareTheExport(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient writer = export.Connected();
        INbdClient reader = export.Connected();
        Check.True((reader.GetExportFlags() & NbdExportFlags.CanMultiConn) != 0, "multi-conn advertised");
        writer.Write("hello"u8, 1000);
        writer.Flush();
        byte[] back = new byte[5];
        reader.Read(back, 1000);
        Check.Bytes("hello"u8, back, "read through the other connection");
    }

    /// <summary>every member of a closed handle throws the closed-handle error naming the libnbd call (async ones on the caller's thread).</summary>
    [ConformanceCase]
    public static void ClosedHandleOnEveryMember(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Dispose();
        client.Close();
        byte[] buffer = new byte[512];
        var calls = new (string Operation, Action Call)[]
        {
            ("nbd_get_export_name", () => _ = client.ExportName),
            ("nbd_set_export_name", () => client.ExportName = "x"),
            ("nbd_get_request_structured_replies", () => _ = client.RequestStructuredReplies),
            ("nbd_set_request_structured_replies", () => client.RequestStructuredReplies = false),
            ("nbd_get_full_info", () => _ = client.FullInfo),
            ("nbd_set_full_info", () => client.FullInfo = true),
            ("nbd_get_opt_mode", () => _ = client.OptionMode),
            ("nbd_set_opt_mode", () => client.OptionMode = true),
            ("nbd_add_meta_context", () => client.AddMetaContext(NbdMetaContexts.BaseAllocation)),
            ("nbd_connect_tcp", () => client.ConnectTcp("127.0.0.1", 1)),
            ("nbd_connect_unix", () => client.ConnectUnix("/nonexistent")),
            ("nbd_connect_uri", () => client.ConnectUri("nbd://127.0.0.1:1/")),
            ("nbd_opt_info", () => client.Info()),
            ("nbd_opt_go", () => client.Go()),
            ("nbd_opt_abort", () => client.Abort()),
            ("nbd_aio_is_ready", () => _ = client.IsConnected),
            ("nbd_get_protocol", () => _ = client.Protocol),
            ("nbd_get_structured_replies_negotiated", () => _ = client.StructuredRepliesNegotiated),
            ("nbd_get_size", () => client.GetSize()),
            ("nbd_can_meta_context", () => client.CanMetaContext(NbdMetaContexts.BaseAllocation)),
            ("nbd_get_block_size", () => client.GetBlockSize(NbdBlockSizeKind.Minimum)),
            ("nbd_get_canonical_export_name", () => client.GetCanonicalExportName()),
            ("nbd_get_export_description", () => client.GetExportDescription()),
            ("nbd_shutdown", () => client.Shutdown()),
            ("nbd_pread", () => client.Read(buffer, 0)),
            ("nbd_pwrite", () => client.Write(buffer, 0)),
            ("nbd_trim", () => client.Trim(512, 0)),
            ("nbd_zero", () => client.Zero(512, 0)),
            ("nbd_cache", () => client.Cache(512, 0)),
            ("nbd_flush", () => client.Flush()),
            ("nbd_aio_in_flight", () => _ = client.InFlight),
            ("nbd_aio_pread", () => _ = client.ReadAsync(buffer, 0)),
            ("nbd_aio_pwrite", () => _ = client.WriteAsync(buffer, 0)),
            ("nbd_aio_trim", () => _ = client.TrimAsync(512, 0)),
            ("nbd_aio_zero", () => _ = client.ZeroAsync(512, 0)),
            ("nbd_aio_cache", () => _ = client.CacheAsync(512, 0)),
            ("nbd_aio_flush", () => _ = client.FlushAsync()),
            ("nbd_aio_block_status", () => _ = client.BlockStatusAsync(512, 0)),
        };
        foreach ((string operation, Action call) in calls)
        {
            NbdClosedHandleException closed = Check.ThrowsExactly<NbdClosedHandleException>(call, operation);
            Check.Equal(operation, closed.Operation, $"operation named by {operation}");
        }

        Check.ThrowsExactly<NbdClosedHandleException>(() => client.ListExports(), "ListExports");
        Check.ThrowsExactly<NbdClosedHandleException>(() => client.ListMetaContexts(), "ListMetaContexts");
        Check.ThrowsExactly<NbdClosedHandleException>(() => _ = client.RequestedMetaContexts, "RequestedMetaContexts");
        Check.ThrowsExactly<NbdClosedHandleException>(() => client.GetExportFlags(), "GetExportFlags");
        Check.ThrowsExactly<NbdClosedHandleException>(() => client.ReadStructured(buffer, 0), "ReadStructured");
        Check.ThrowsExactly<NbdClosedHandleException>(() => client.BlockStatus(512, 0), "BlockStatus");
    }
}
