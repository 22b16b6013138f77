using StorageKit.Conformance.Framework;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>Option mode (list, info, go, abort), structured replies, metadata contexts, full info.</summary>
[ConformanceArea("nbd.options")]
public static class OptionCases
{
    private static readonly NbdExportSpec Named = new() { Name = "disk", Description = "a test disk", Size = 2 << 20 };

    /// <summary>in option mode connecting stops before an export is chosen; Go finishes it.</summary>
    [ConformanceCase]
    public static void OptionModeStopsWhileNegotiating(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = OptionClient(export);
        Check.True(!client.IsConnected, "not ready while negotiating");
        Check.Equal("newstyle-fixed", client.Protocol, "protocol while negotiating");
        Check.True(client.StructuredRepliesNegotiated, "structured replies are negotiated before option mode stops");
        Check.NbdError(Errno.EINVAL, () => client.GetSize(), "GetSize before info", "nbd_get_size: server has not returned export size, you need to connect to the server first: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.GetExportFlags(), "GetExportFlags before info");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], 0), "Read while negotiating", "nbd_pread: invalid state: NEGOTIATING: the handle must be connected with the server: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Shutdown(), "Shutdown while negotiating", "nbd_shutdown: invalid state: NEGOTIATING: the handle must be connected with the server: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => _ = client.InFlight, "InFlight while negotiating", "nbd_aio_in_flight: invalid state: NEGOTIATING: the handle must be connected with the server, or shut down, or dead: Invalid argument");
        client.Go();
        Check.True(client.IsConnected, "ready after Go");
        Check.Equal(1L << 20, client.GetSize(), "size after Go");
        Check.Equal(0, client.InFlight, "nothing in flight");
    }

    /// <summary>the export list has the served export with its description.</summary>
    [ConformanceCase]
    public static void ListExportsGivesNameAndDescription(NbdCaseContext c)
    {
        INbdClient client = OptionClient(c.StartExport(Named));
        IReadOnlyList<NbdExportListing> exports = client.ListExports();
        Check.Sequence([new NbdExportListing("disk", "a test disk")], exports, "exports of a named server");
        Check.Sequence([new NbdExportListing("", "")], OptionClient(c.StartExport()).ListExports(), "exports of a default-export server");
    }

    /// <summary>Info tells size and flags without choosing the export; a later Go of the same export agrees.</summary>
    [ConformanceCase]
    public static void InfoThenGo(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(Named with { ReadOnly = true });
        INbdClient client = OptionClient(export);
        client.ExportName = "disk";
        client.Info();
        Check.True(!client.IsConnected, "Info does not connect");
        Check.Equal(2L << 20, client.GetSize(), "size after Info");
        Check.Equal(NbdFlags.ReadOnly, NbdFlags.Of(client), "flags after Info");
        client.Go();
        Check.Equal(2L << 20, client.GetSize(), "size after Go");
        Check.Equal(NbdFlags.ReadOnly, NbdFlags.Of(client), "flags after Go");
    }

    /// <summary>Info and Go of an unknown export are ENOENT and leave the handle negotiating (and the facts unknown).</summary>
    [ConformanceCase]
    public static void UnknownExportInOptionModeIsEnoent(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(Named);
        INbdClient client = OptionClient(export);
        client.ExportName = "disk";
        client.Info();
        client.ExportName = "nope";
        Check.NbdError(Errno.ENOENT, () => client.Info(), "Info of 'nope'", "nbd_opt_info: server replied with error to opt_info request: No such file or directory");
        Check.NbdError(Errno.EINVAL, () => client.GetSize(), "size after the failed Info", "nbd_get_size: server has not returned export size, you need to connect to the server first: Invalid argument");
        Check.NbdError(Errno.ENOENT, () => client.Go(), "Go to 'nope'", "nbd_opt_go: server replied with error to opt_go request: No such file or directory");
        Check.True(!client.IsConnected, "still negotiating");
        client.ExportName = "disk";
        client.Go();
        Check.Equal(2L << 20, client.GetSize(), "Go to the right name afterwards");
    }

    /// <summary>Abort ends negotiation: the handle is shut down, with no export facts and no commands.</summary>
    [ConformanceCase]
    public static void AbortShutsTheHandle(NbdCaseContext c)
    {
        INbdClient client = OptionClient(c.StartExport());
        client.Abort();
        Check.True(!client.IsConnected, "not connected after Abort");
        Check.NbdError(Errno.EINVAL, () => client.GetSize(), "GetSize after Abort", "nbd_get_size: server has not returned export size, you need to connect to the server first: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], 0), "Read after Abort", "nbd_pread: invalid state: CLOSED: the handle must be connected with the server: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Go(), "Go after Abort", "nbd_opt_go: invalid state: CLOSED: the handle must be negotiating: Invalid argument");
        Check.Equal(0, client.InFlight, "nothing in flight after Abort");
    }

    /// <summary>the option calls outside option mode are EINVAL with libnbd's state message.</summary>
    [ConformanceCase]
    public static void OptionCallsWhenReadyAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.EINVAL, () => client.ListExports(), "ListExports when ready", "nbd_opt_list: invalid state: READY: the handle must be negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Info(), "Info when ready", "nbd_opt_info: invalid state: READY: the handle must be negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Go(), "Go when ready", "nbd_opt_go: invalid state: READY: the handle must be negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Abort(), "Abort when ready", "nbd_opt_abort: invalid state: READY: the handle must be negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ListMetaContexts(), "ListMetaContexts when ready");
    }

    /// <summary>settings that only apply before connecting are EINVAL once connected.</summary>
    [ConformanceCase]
    public static void SettingsAfterConnectAreEinval(NbdCaseContext c)
    {
        INbdClient client = c.Connected();
        Check.NbdError(Errno.EINVAL, () => client.ExportName = "x", "ExportName", "nbd_set_export_name: invalid state: READY: the handle must be newly created, or negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.OptionMode = true, "OptionMode", "nbd_set_opt_mode: invalid state: READY: the handle must be newly created: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.FullInfo = true, "FullInfo", "nbd_set_full_info: invalid state: READY: the handle must be newly created, or negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.AddMetaContext(NbdMetaContexts.BaseAllocation), "AddMetaContext", "nbd_add_meta_context: invalid state: READY: the handle must be newly created, or negotiating: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.RequestStructuredReplies = false, "RequestStructuredReplies", "nbd_set_request_structured_replies: invalid state: READY: the handle must be newly created: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.ConnectUnix("/nonexistent"), "connect again", "nbd_connect_unix: invalid state: READY: the handle must be newly created: Invalid argument");
        Check.Equal("", client.ExportName, "the export name reads back in any state");
    }

    /// <summary>names longer than the protocol's 4096 bytes are ENAMETOOLONG; 4096 is fine.</summary>
    [ConformanceCase]
    public static void OverlongNamesAreEnametoolong(NbdCaseContext c)
    {
        INbdClient client = c.NewClient();
        client.ExportName = new string('x', 4096);
        Check.Equal(4096, client.ExportName.Length, "a 4096-byte name is kept");
        Check.NbdError(Errno.ENAMETOOLONG, () => client.ExportName = new string('x', 4097), "4097-byte export name", "nbd_set_export_name: export name too long for NBD protocol: File name too long");
        Check.NbdError(Errno.ENAMETOOLONG, () => client.AddMetaContext(new string('x', 4097)), "4097-byte context name", "nbd_add_meta_context: meta context name too long for NBD protocol: File name too long");
        Check.Equal(4096, client.ExportName.Length, "the rejected name did not replace the old one");
    }

    /// <summary>without structured replies there is no DF, no metadata context and no context listing.</summary>
    [ConformanceCase]
    public static void WithoutStructuredReplies(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.RequestStructuredReplies = false;
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        export.Connect(client);
        Check.True(!client.StructuredRepliesNegotiated, "not negotiated");
        Check.True(!client.RequestStructuredReplies, "the setting reads back");
        Check.Equal(NbdFlags.Writable & ~NbdExportFlags.CanDf, NbdFlags.Of(client), "flags without DF");
        Check.True(!client.CanMetaContext(NbdMetaContexts.BaseAllocation), "no base:allocation");
        Check.NbdError(Errno.EOPNOTSUPP, () => client.BlockStatus(512, 0), "BlockStatus without a context");

        INbdClient options = export.NewClient();
        options.RequestStructuredReplies = false;
        options.OptionMode = true;
        export.Connect(options);
        Check.NbdError(Errno.EOPNOTSUPP, () => options.ListMetaContexts(), "ListMetaContexts without structured replies", "nbd_opt_list_meta_context: server lacks structured replies: Operation not supported");
        Check.Sequence([new NbdExportListing("", "")], options.ListExports(), "listing exports needs no structured replies");
    }

    /// <summary>base:allocation is negotiated when asked for, and only then.</summary>
    [ConformanceCase]
    public static void BaseAllocationOnlyWhenAsked(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient plain = export.Connected();
        Check.True(!plain.CanMetaContext(NbdMetaContexts.BaseAllocation), "not asked: not negotiated");
        Check.Sequence(Array.Empty<string>(), plain.RequestedMetaContexts, "nothing requested");

        INbdClient asking = export.NewClient();
        asking.AddMetaContext(NbdMetaContexts.BaseAllocation);
        export.Connect(asking);
        Check.Sequence([NbdMetaContexts.BaseAllocation], asking.RequestedMetaContexts, "requested contexts");
        Check.True(asking.CanMetaContext(NbdMetaContexts.BaseAllocation), "asked: negotiated");
        Check.True(!asking.CanMetaContext("x:y"), "an unknown context is not negotiated");
        Check.Equal(1, asking.BlockStatus(512, 0).Contexts.Count, "block status has one context");
    }

    /// <summary>asking only for a context the server lacks negotiates none, so block status is ENOTSUP.</summary>
    [ConformanceCase]
    public static void UnknownContextNegotiatesNothing(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.AddMetaContext("x:y");
        export.Connect(client);
        Check.True(!client.CanMetaContext("x:y"), "x:y not negotiated");
        Check.True(!client.CanMetaContext(NbdMetaContexts.BaseAllocation), "base:allocation not negotiated");
        Check.NbdError(Errno.EOPNOTSUPP, () => client.BlockStatus(512, 0), "BlockStatus", "nbd_block_status: did not negotiate any metadata contexts, either you did not call nbd_add_meta_context before connecting or the server does not support it: Operation not supported");
    }

    /// <summary>listing contexts gives base:allocation for no query and for a query mixing it with unknown ones.</summary>
    [ConformanceCase]
    public static void ListMetaContexts(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = OptionClient(export);
        Check.Sequence([NbdMetaContexts.BaseAllocation], client.ListMetaContexts(), "no query: every context");
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        client.AddMetaContext("x:y");
        Check.Sequence([NbdMetaContexts.BaseAllocation], client.ListMetaContexts(), "base:allocation and x:y");
        INbdClient other = OptionClient(export);
        other.AddMetaContext("x:y");
        Check.Sequence(Array.Empty<string>(), other.ListMetaContexts(), "only x:y");
        Check.NbdError(Errno.EINVAL, () => other.CanMetaContext("x:y"), "CanMetaContext before info", "nbd_can_meta_context: server has not returned export flags, you need to connect to the server first: Invalid argument");
    }

    /// <summary>contexts asked for in option mode are negotiated by Info (then queryable) and by Go.</summary>
    [ConformanceCase]
    public static void InfoNegotiatesContexts(NbdCaseContext c)
    {
        INbdClient client = OptionClient(c.StartExport());
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        client.Info();
        Check.True(client.CanMetaContext(NbdMetaContexts.BaseAllocation), "after Info");
        client.Go();
        Check.True(client.CanMetaContext(NbdMetaContexts.BaseAllocation), "after Go");
        Check.Equal(1, client.BlockStatus(4096, 0).Allocation.Count, "one extent for an empty export start");
    }

    /// <summary>full info brings the canonical name and the description; without it both are ENOTSUP.</summary>
    [ConformanceCase]
    public static void FullInfoGivesNameAndDescription(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport(Named);
        INbdClient full = export.NewClient();
        full.FullInfo = true;
        export.Connect(full);
        Check.True(full.FullInfo, "the setting reads back");
        Check.Equal("disk", full.GetCanonicalExportName(), "canonical name");
        Check.Equal("a test disk", full.GetExportDescription(), "description");

        INbdClient bare = export.Connected();
        Check.NbdError(Errno.EOPNOTSUPP, () => bare.GetCanonicalExportName(), "canonical name without full info", "nbd_get_canonical_export_name: server did not advertise a canonical name: Operation not supported");
        Check.NbdError(Errno.EOPNOTSUPP, () => bare.GetExportDescription(), "description without full info", "nbd_get_export_description: server did not advertise a description: Operation not supported");
    }

    /// <summary>the default export's canonical name is ""; an export without description has none (ENOTSUP).</summary>
    [ConformanceCase]
    public static void FullInfoOfTheDefaultExport(NbdCaseContext c)
    {
        NbdTestExport export = c.StartExport();
        INbdClient client = export.NewClient();
        client.FullInfo = true;
        export.Connect(client);
        Check.Equal("", client.GetCanonicalExportName(), "canonical name of the default export");
        Check.NbdError(Errno.EOPNOTSUPP, () => client.GetExportDescription(), "no description");
    }

    /// <summary>full info may be switched on while negotiating; Info then brings the name.</summary>
    [ConformanceCase]
    public static void FullInfoInOptionMode(NbdCaseContext c)
    {
        INbdClient client = OptionClient(c.StartExport(Named));
        client.ExportName = "disk";
        client.Info();
        Check.NbdError(Errno.EOPNOTSUPP, () => client.GetCanonicalExportName(), "Info without full info");
        client.FullInfo = true;
        client.Info();
        Check.Equal("disk", client.GetCanonicalExportName(), "Info with full info");
        Check.Equal("a test disk", client.GetExportDescription(), "description from Info");
    }

    /// <summary>block size constraints come with the export; a request off the minimum is EINVAL on the client.</summary>
    [ConformanceCase]
    public static void BlockSizesAreReportedAndEnforced(NbdCaseContext c)
    {
        INbdClient plain = c.Connected();
        Check.Sequence([0L, 0L, 0L], [plain.GetBlockSize(NbdBlockSizeKind.Minimum), plain.GetBlockSize(NbdBlockSizeKind.Preferred), plain.GetBlockSize(NbdBlockSizeKind.Maximum)], "no constraints by default");

        INbdClient client = c.Connected(new NbdExportSpec { BlockSizes = (512, 4096, 1 << 20) });
        Check.Sequence([512L, 4096L, 1L << 20], [client.GetBlockSize(NbdBlockSizeKind.Minimum), client.GetBlockSize(NbdBlockSizeKind.Preferred), client.GetBlockSize(NbdBlockSizeKind.Maximum)], "constraints");
        Check.NbdError(Errno.EINVAL, () => client.Read(new byte[1], 0), "1-byte read", "nbd_pread: request is unaligned: Invalid argument");
        Check.NbdError(Errno.EINVAL, () => client.Write(new byte[512], 1), "write at offset 1", "nbd_pwrite: request is unaligned: Invalid argument");
        client.Read(new byte[512], 512);
    }

    private static INbdClient OptionClient(NbdTestExport export)
    {
        INbdClient client = export.NewClient();
        client.OptionMode = true;
        client.ConnectUnix(export.SocketPath);
        return client;
    }
}
