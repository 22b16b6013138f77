namespace StorageKit.Emulator.Nbd;

/// <summary>Constants of the NBD protocol (doc/proto.md of NetworkBlockDevice/nbd), all big-endian on the wire.</summary>
internal static class NbdProtocol
{
    public const ulong NbdMagic = 0x4e42444d41474943; // "NBDMAGIC"
    public const ulong OptionMagic = 0x49484156454F5054; // "IHAVEOPT"
    public const ulong OptionReplyMagic = 0x3e889045565a9;
    public const uint RequestMagic = 0x25609513;
    public const uint SimpleReplyMagic = 0x67446698;
    public const uint StructuredReplyMagic = 0x668e33ef;

    public const ushort FlagFixedNewstyle = 1;
    public const ushort FlagNoZeroes = 2;
    public const uint ClientFlagFixedNewstyle = 1;
    public const uint ClientFlagNoZeroes = 2;

    public const uint OptExportName = 1;
    public const uint OptAbort = 2;
    public const uint OptList = 3;
    public const uint OptStartTls = 5;
    public const uint OptInfo = 6;
    public const uint OptGo = 7;
    public const uint OptStructuredReply = 8;
    public const uint OptListMetaContext = 9;
    public const uint OptSetMetaContext = 10;

    public const uint RepAck = 1;
    public const uint RepServer = 2;
    public const uint RepInfo = 3;
    public const uint RepMetaContext = 4;
    public const uint RepErrUnsup = 0x80000001;
    public const uint RepErrPolicy = 0x80000002;
    public const uint RepErrInvalid = 0x80000003;
    public const uint RepErrUnknown = 0x80000006;
    public const uint RepErrTooBig = 0x80000009;

    public const ushort InfoExport = 0;
    public const ushort InfoName = 1;
    public const ushort InfoDescription = 2;
    public const ushort InfoBlockSize = 3;

    public const ushort CmdRead = 0;
    public const ushort CmdWrite = 1;
    public const ushort CmdDisconnect = 2;
    public const ushort CmdFlush = 3;
    public const ushort CmdTrim = 4;
    public const ushort CmdCache = 5;
    public const ushort CmdWriteZeroes = 6;
    public const ushort CmdBlockStatus = 7;

    public const ushort CmdFlagFua = 0x01;
    public const ushort CmdFlagNoHole = 0x02;
    public const ushort CmdFlagDf = 0x04;
    public const ushort CmdFlagReqOne = 0x08;
    public const ushort CmdFlagFastZero = 0x10;
    public const ushort CmdFlagsKnown = 0x1f;

    public const ushort ReplyFlagDone = 1;
    public const ushort ReplyTypeNone = 0;
    public const ushort ReplyTypeOffsetData = 1;
    public const ushort ReplyTypeOffsetHole = 2;
    public const ushort ReplyTypeBlockStatus = 5;
    public const ushort ReplyTypeError = 0x8001;

    // NBD error numbers (the protocol's own, equal to Linux errnos).
    public const uint ErrPerm = 1;
    public const uint ErrIo = 5;
    public const uint ErrNoMem = 12;
    public const uint ErrInval = 22;
    public const uint ErrNoSpc = 28;
    public const uint ErrOverflow = 75;
    public const uint ErrNotSup = 95;
    public const uint ErrShutdown = 108;

    /// <summary>Longest string (export name, context name) accepted, the spec's NBD_MAX_STRING.</summary>
    public const int MaxString = 4096;

    /// <summary>The context id given to <c>base:allocation</c>.</summary>
    public const uint BaseAllocationId = 1;

    /// <summary>The wire error for an errno, as nbdkit maps it: ENOTSUP only for fast zero, EOVERFLOW only with DF.</summary>
    public static uint ErrorFor(Errno errno, ushort flags) => errno switch
    {
        Errno.EPERM or Errno.EROFS or Errno.EACCES => ErrPerm,
        Errno.EIO => ErrIo,
        Errno.ENOMEM => ErrNoMem,
        Errno.ENOSPC or Errno.EFBIG or Errno.EDQUOT => ErrNoSpc,
        Errno.ESHUTDOWN => ErrShutdown,
        Errno.EOPNOTSUPP => (flags & CmdFlagFastZero) != 0 ? ErrNotSup : ErrInval,
        Errno.EOVERFLOW => (flags & CmdFlagDf) != 0 ? ErrOverflow : ErrInval,
        _ => ErrInval,
    };
}
