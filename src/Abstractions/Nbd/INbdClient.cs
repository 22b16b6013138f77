namespace StorageKit.Nbd;

/// <summary>
/// One NBD client connection (a libnbd handle, python's <c>nbd.NBD()</c>): configure it, connect (optionally
/// haggling options first), then issue commands. <c>NativeNbdClient</c> speaks the NBD protocol through
/// libnbd to any server; <c>EmulatedNbdClient</c> talks in-process to emulated exports.
/// Errors are <see cref="StorageException"/>s with the errno and the message libnbd gives (<c>nbd_get_error</c>,
/// errno <see cref="Errno.None"/> when libnbd has none); any call after <see cref="Close"/> throws
/// <see cref="NbdClosedHandleException"/>.
/// </summary>
public partial interface INbdClient : IDisposable
{
    /// <summary>The export to ask for (<c>nbd_set_export_name</c>); "" (the default) is the server's default export.</summary>
    string ExportName { get; set; }

    /// <summary>Whether to ask for structured replies when connecting (<c>nbd_set_request_structured_replies</c>, default true).</summary>
    bool RequestStructuredReplies { get; set; }

    /// <summary>Whether to ask the server for name and description when connecting (<c>nbd_set_full_info</c>).</summary>
    bool FullInfo { get; set; }

    /// <summary>
    /// Whether connecting stops in option mode (<c>nbd_set_opt_mode</c>): then <see cref="ListExports"/>,
    /// <see cref="Info"/>, <see cref="ListMetaContexts"/>, and finally <see cref="Go"/> or <see cref="Abort"/>.
    /// </summary>
    bool OptionMode { get; set; }

    /// <summary>Asks for a metadata context when connecting (<c>nbd_add_meta_context</c>), e.g. <see cref="NbdMetaContexts.BaseAllocation"/>.</summary>
    void AddMetaContext(string name);

    /// <summary>The contexts asked for so far (<c>nbd_get_meta_context</c>).</summary>
    IReadOnlyList<string> RequestedMetaContexts { get; }

    /// <summary>Connects over TCP (<c>nbd_connect_tcp</c>).</summary>
    void ConnectTcp(string host, int port);

    /// <summary>Connects over a Unix domain socket (<c>nbd_connect_unix</c>).</summary>
    void ConnectUnix(string socketPath);

    /// <summary>Connects to an NBD URI such as <c>nbd://host:port/export</c> or <c>nbd+unix:///export?socket=PATH</c> (<c>nbd_connect_uri</c>).</summary>
    void ConnectUri(string uri);

    /// <summary>The exports the server offers (<c>nbd_opt_list</c>); option mode only.</summary>
    IReadOnlyList<NbdExportListing> ListExports();

    /// <summary>Asks about <see cref="ExportName"/> without selecting it (<c>nbd_opt_info</c>); then size and flags can be read. Option mode only.</summary>
    void Info();

    /// <summary>The metadata contexts the server has that match the requested ones, or all if none were requested (<c>nbd_opt_list_meta_context</c>).</summary>
    IReadOnlyList<string> ListMetaContexts();

    /// <summary>Selects <see cref="ExportName"/> and ends option mode (<c>nbd_opt_go</c>).</summary>
    void Go();

    /// <summary>Ends option mode without selecting an export and disconnects (<c>nbd_opt_abort</c>).</summary>
    void Abort();

    /// <summary>True once connected and ready for commands.</summary>
    bool IsConnected { get; }

    /// <summary>The handshake spoken: <c>newstyle-fixed</c> (or <c>newstyle</c>, <c>oldstyle</c>) (<c>nbd_get_protocol</c>).</summary>
    string Protocol { get; }

    /// <summary>True when the server agreed to structured replies (<c>nbd_get_structured_replies_negotiated</c>).</summary>
    bool StructuredRepliesNegotiated { get; }

    /// <summary>The export's size in bytes (<c>nbd_get_size</c>).</summary>
    long GetSize();

    /// <summary>What the server advertises for the export (the <c>nbd_is_read_only</c>/<c>nbd_can_*</c> family).</summary>
    NbdExportFlags GetExportFlags();

    /// <summary>True when the server agreed to the metadata context <paramref name="name"/> (<c>nbd_can_meta_context</c>).</summary>
    bool CanMetaContext(string name);

    /// <summary>A block size constraint of the export (<c>nbd_get_block_size</c>); 0 when the server gave none.</summary>
    long GetBlockSize(NbdBlockSizeKind kind);

    /// <summary>The export's canonical name (<c>nbd_get_canonical_export_name</c>; needs <see cref="FullInfo"/>).</summary>
    string GetCanonicalExportName();

    /// <summary>The export's description (<c>nbd_get_export_description</c>; needs <see cref="FullInfo"/>); ENOTSUP when the server gave none.</summary>
    string GetExportDescription();

    /// <summary>Disconnects cleanly (<c>nbd_shutdown</c>): pending commands finish first unless abandoned.</summary>
    void Shutdown(bool abandonPending = false);

    /// <summary>Closes the handle (<c>nbd_close</c>); idempotent, and what <see cref="IDisposable.Dispose"/> does.</summary>
    void Close();
}
