using StorageKit.Conformance.Framework;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>What a handle still knows and refuses after shutdown and abort, and settings while negotiating.</summary>
[ConformanceArea("nbd.options")]
public static class HandleStateCases
{
    /// <summary>after shutdown the negotiated facts remain readable; connecting and commands are EINVAL (CLOSED).</summary>
    [ConformanceCase]
    public static void FactsSurviveShutdown(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.FullInfo = true;
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        export.Connect(client);
        client.Shutdown();
        Check.Equal("newstyle-fixed", client.Protocol, "protocol");
        Check.True(client.StructuredRepliesNegotiated, "structured replies");
        Check.Equal("", client.GetCanonicalExportName(), "canonical name");
        Check.Equal(NbdFlags.Writable, NbdFlags.Of(client), "flags");
        Check.True(client.CanMetaContext(NbdMetaContexts.BaseAllocation), "base:allocation");
        Check.Equal(0L, client.GetBlockSize(NbdBlockSizeKind.Minimum), "block size");
        Check.NbdError(Errno.EINVAL, () => client.ConnectUnix(export.SocketPath), "connect after shutdown", "nbd_connect_unix: invalid state: CLOSED: the handle must be newly created: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Flush(), "flush after shutdown", "nbd_flush: invalid state: CLOSED: the handle must be connected with the server: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.BlockStatus(512, 0), "block status after shutdown", "nbd_block_status: invalid state: CLOSED: the handle must be connected with the server: Invalid argument");
    }

    /// <summary>after Abort, a second Abort and the negotiation settings are EINVAL (CLOSED).</summary>
    [ConformanceCase]
    public static void SettingsAfterAbortAreEinval(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.OptionMode = true;
        export.Connect(client);
        client.Abort();
        Check.NbdError(Errno.EINVAL, () => client.Abort(), "second Abort", "nbd_opt_abort: invalid state: CLOSED: the handle must be negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ExportName = "x", "ExportName after Abort", "nbd_set_export_name: invalid state: CLOSED: the handle must be newly created, or negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.AddMetaContext("x:y"), "AddMetaContext after Abort", "nbd_add_meta_context: invalid state: CLOSED: the handle must be newly created, or negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ListExports(), "ListExports after Abort", "nbd_opt_list: invalid state: CLOSED: the handle must be negotiating: Invalid argument");
    }

    /// <summary>while negotiating, option mode and structured replies are fixed; name, full info and contexts may change.</summary>
    [ConformanceCase]
    public static void SettingsWhileNegotiating(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(new NbdExportSpec { Name = "disk" });
        INbdClient client = export.NewClient();
        client.OptionMode = true;
        client.ConnectUnix(export.SocketPath);
        Check.True(client.OptionMode, "option mode reads back");
        Check.NbdError(Errno.EINVAL, () => client.OptionMode = false, "OptionMode", "nbd_set_opt_mode: invalid state: NEGOTIATING: the handle must be newly created: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.RequestStructuredReplies = false, "RequestStructuredReplies", "nbd_set_request_structured_replies: invalid state: NEGOTIATING: the handle must be newly created: Invalid argument");
        client.ExportName = "disk";
        client.FullInfo = true;
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        client.Go();
        Check.Equal("disk", client.GetCanonicalExportName(), "name chosen while negotiating");
        Check.True(client.CanMetaContext(NbdMetaContexts.BaseAllocation), "context added while negotiating");
    }

    /// <summary>the same context asked for twice is listed twice and negotiated once.</summary>
    [ConformanceCase]
    public static void DuplicateContextRequests(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        Check.Sequence([NbdMetaContexts.BaseAllocation, NbdMetaContexts.BaseAllocation], client.RequestedMetaContexts, "requested twice");
        export.Connect(client);
        Check.True(client.CanMetaContext(NbdMetaContexts.BaseAllocation), "negotiated");
        NbdBlockStatus status = client.BlockStatus(4096, 0);
        Check.Sequence([NbdMetaContexts.BaseAllocation], status.Contexts.Keys, "one context in the reply");
    }

    /// <summary>a structured read reports the chunks the server sent: one data chunk from both servers, with and without DF.</summary>
    [ConformanceCase]
    public static void StructuredReadReportsOneDataChunk(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        client.Write("data"u8, 4096);
        byte[] buffer = new byte[65536];
        Check.Sequence([new NbdReadChunk(0, 65536, NbdReadChunkKind.Data)], client.ReadStructured(buffer, 0), "chunks");
        Check.Sequence([new NbdReadChunk(0, 65536, NbdReadChunkKind.Data)], client.ReadStructured(buffer, 0, NbdCommandFlags.Df), "chunks with DF");
        Check.Bytes("data"u8, buffer.AsSpan(4096, 4), "the data read");
    }

    /// <summary>without structured replies a structured read is one data chunk, and DF is EINVAL on the client.</summary>
    [ConformanceCase]
    public static void StructuredReadWithoutStructuredReplies(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.RequestStructuredReplies = false;
        export.Connect(client);
        byte[] buffer = new byte[1000];
        Check.Sequence([new NbdReadChunk(24, 1000, NbdReadChunkKind.Data)], client.ReadStructured(buffer, 24), "one chunk");
        Check.NbdError(Errno.EINVAL, () => client.ReadStructured(buffer, 0, NbdCommandFlags.Df), "DF", "nbd_pread_structured: server does not support the DF flag: Invalid argument");
    }

    /// <summary>Info without structured replies reports no DF, like Go.</summary>
    [ConformanceCase]
    public static void InfoWithoutStructuredRepliesHasNoDf(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.RequestStructuredReplies = false;
        client.OptionMode = true;
        export.Connect(client);
        Check.True(!client.StructuredRepliesNegotiated, "not negotiated");
        client.Info();
        Check.Equal(NbdFlags.Writable & ~NbdExportFlags.CanDf, NbdFlags.Of(client), "flags after Info");
    }
}
