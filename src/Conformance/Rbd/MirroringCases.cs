using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// RBD mirroring configured on a single Ceph 16 cluster (docs/native-probe-results.md, "RBD mirroring"): pool
/// mode, site name, peers and their attributes, image enable/disable/promote/demote/resync, mirror snapshots and
/// the status a cluster without a mirror daemon reports. Each case works in a pool of its own, since the mirroring
/// mode and peers are pool-wide.
/// </summary>
[ConformanceArea("rbd.mirroring")]
public static class MirroringCases
{
    private static readonly RbdImageOptions Journaled = new() { Features = RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.Journaling, Order = 12 };

    /// <summary>a fresh pool is not mirrored: mode disabled, no peers, no mirror uuid (ENOENT).</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void FreshPoolIsNotMirrored(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        Check.Equal(RbdMirrorMode.Disabled, s.Rbd.GetMirrorMode(), "mode");
        Check.Equal(0, s.Rbd.ListMirrorPeers().Count, "peers");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetMirrorUuid(), "uuid");
    }

    /// <summary>image mode gives the pool a mirror uuid; disabling again drops it (ENOENT) and disabling twice is fine.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ModeImageThenDisabled(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        Check.Equal(RbdMirrorMode.Image, s.Rbd.GetMirrorMode(), "mode");
        Check.Equal(36, s.Rbd.GetMirrorUuid().Length, "uuid length");
        s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled);
        Check.Equal(RbdMirrorMode.Disabled, s.Rbd.GetMirrorMode(), "mode after");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetMirrorUuid(), "uuid after");
    }

    /// <summary>an unknown pool mode is EINVAL.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void UnknownModeIsInvalid(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.SetMirrorMode((RbdMirrorMode)7), "mode 7");
        Check.Equal(RbdMirrorMode.Disabled, s.Rbd.GetMirrorMode(), "mode");
    }

    /// <summary>the site name defaults to the fsid, can be set, and "" resets it to the fsid.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void SiteNameDefaultsToFsid(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        string fsid = c.Client.GetFsid();
        Check.Equal(fsid, s.Rbd.GetMirrorSiteName(), "default");
        try
        {
            s.Rbd.SetMirrorSiteName("site-a");
            Check.Equal("site-a", s.Rbd.GetMirrorSiteName(), "set");
        }
        finally
        {
            s.Rbd.SetMirrorSiteName("");
        }

        Check.Equal(fsid, s.Rbd.GetMirrorSiteName(), "reset");
    }

    /// <summary>adding a peer needs mirroring on the pool (EINVAL), non-empty names and not transmit-only (EINVAL).</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerAddValidation(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.AddMirrorPeer("remote", "client.x"), "pool disabled");
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.AddMirrorPeer("", "client.x"), "empty site");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.AddMirrorPeer("remote", ""), "empty client");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.AddMirrorPeer("remote", "client.x", RbdMirrorPeerDirection.Transmit), "tx only");
        Check.Equal(0, s.Rbd.ListMirrorPeers().Count, "no peers");
    }

    /// <summary>a peer is listed with its uuid, direction, site and client names, no mirror uuid and never seen.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerAddAndList(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string a = s.Rbd.AddMirrorPeer("remote-a", "client.a");
        string b = s.Rbd.AddMirrorPeer("remote-b", "client.b", RbdMirrorPeerDirection.Receive);
        Check.Equal(36, a.Length, "uuid length");
        var expected = new[]
        {
            new RbdMirrorPeer(a, RbdMirrorPeerDirection.ReceiveTransmit, "remote-a", "", "client.a", DateTimeOffset.UnixEpoch),
            new RbdMirrorPeer(b, RbdMirrorPeerDirection.Receive, "remote-b", "", "client.b", DateTimeOffset.UnixEpoch),
        };
        Check.Sequence(expected.OrderBy(p => p.Uuid, StringComparer.Ordinal), s.Rbd.ListMirrorPeers().OrderBy(p => p.Uuid, StringComparer.Ordinal), "peers");
        s.RemovePeers();
    }

    /// <summary>a second peer with a site name already used is EEXIST; the local site name itself is allowed.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerSiteNameMustBeUnique(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        s.Rbd.AddMirrorPeer("remote", "client.x");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.AddMirrorPeer("remote", "client.y"), "same site");
        s.Rbd.AddMirrorPeer(s.Rbd.GetMirrorSiteName(), "client.x");
        Check.Equal(2, s.Rbd.ListMirrorPeers().Count, "peers");
        s.RemovePeers();
    }

    /// <summary>client name, site name and direction of a peer change in place; any direction value and empty names are taken.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerSetters(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string uuid = s.Rbd.AddMirrorPeer("remote", "client.x");
        s.Rbd.SetMirrorPeerClientName(uuid, "client.z");
        s.Rbd.SetMirrorPeerSiteName(uuid, "elsewhere");
        s.Rbd.SetMirrorPeerDirection(uuid, RbdMirrorPeerDirection.Transmit);
        Check.Equal(new RbdMirrorPeer(uuid, RbdMirrorPeerDirection.Transmit, "elsewhere", "", "client.z", DateTimeOffset.UnixEpoch), s.Rbd.ListMirrorPeers()[0], "changed");
        s.Rbd.SetMirrorPeerClientName(uuid, "");
        s.Rbd.SetMirrorPeerSiteName(uuid, "");
        s.Rbd.SetMirrorPeerDirection(uuid, (RbdMirrorPeerDirection)9);
        Check.Equal(new RbdMirrorPeer(uuid, (RbdMirrorPeerDirection)9, "", "", "", DateTimeOffset.UnixEpoch), s.Rbd.ListMirrorPeers()[0], "emptied");
        s.RemovePeers();
    }

    /// <summary>renaming a peer to another peer's site name is EEXIST.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerRenameToTakenSiteName(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        s.Rbd.AddMirrorPeer("one", "client.x");
        string two = s.Rbd.AddMirrorPeer("two", "client.x");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.SetMirrorPeerSiteName(two, "one"), "taken");
        s.Rbd.SetMirrorPeerSiteName(two, "two");
        s.RemovePeers();
    }

    /// <summary>the setters and attributes of an unknown peer are ENOENT; removing an unknown peer succeeds.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void UnknownPeer(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        const string nope = "00000000-0000-0000-0000-000000000000";
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.SetMirrorPeerClientName(nope, "client.z"), "client name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.SetMirrorPeerSiteName(nope, "z"), "site name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.SetMirrorPeerDirection(nope, RbdMirrorPeerDirection.Receive), "direction");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.SetMirrorPeerAttributes(nope, new Dictionary<string, string> { ["a"] = "b" }), "set attributes");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetMirrorPeerAttributes(nope), "get attributes");
        s.Rbd.RemoveMirrorPeer(nope);
    }

    /// <summary>peer attributes: ENOENT before any are set, a new set replaces the old whole, an empty set reads back empty.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerAttributes(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string uuid = s.Rbd.AddMirrorPeer("remote", "client.x");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetMirrorPeerAttributes(uuid), "none yet");
        s.Rbd.SetMirrorPeerAttributes(uuid, new Dictionary<string, string> { ["mon_host"] = "1.2.3.4", ["key"] = "abc" });
        Check.Sequence(["key=abc", "mon_host=1.2.3.4"], Flat(s.Rbd.GetMirrorPeerAttributes(uuid)), "set");
        s.Rbd.SetMirrorPeerAttributes(uuid, new Dictionary<string, string> { ["foo"] = "bar" });
        Check.Sequence(["foo=bar"], Flat(s.Rbd.GetMirrorPeerAttributes(uuid)), "replaced");
        s.Rbd.SetMirrorPeerAttributes(uuid, new Dictionary<string, string>());
        Check.Equal(0, s.Rbd.GetMirrorPeerAttributes(uuid).Count, "emptied");
        s.RemovePeers();
    }

    /// <summary>removing a peer drops its attributes (ENOENT) and removing it again succeeds.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PeerRemove(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string uuid = s.Rbd.AddMirrorPeer("remote", "client.x");
        s.Rbd.SetMirrorPeerAttributes(uuid, new Dictionary<string, string> { ["key"] = "abc" });
        s.Rbd.RemoveMirrorPeer(uuid);
        s.Rbd.RemoveMirrorPeer(uuid);
        Check.Equal(0, s.Rbd.ListMirrorPeers().Count, "peers");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.GetMirrorPeerAttributes(uuid), "attributes");
    }

    /// <summary>the pool cannot go back to disabled while peers are registered (EBUSY).</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void DisablePoolWithPeersIsBusy(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        s.Rbd.AddMirrorPeer("remote", "client.x");
        Check.Throws<StorageBusyException>(Errno.EBUSY, () => s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled), "disable");
        Check.Equal(RbdMirrorMode.Image, s.Rbd.GetMirrorMode(), "mode");
        s.RemovePeers();
        s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled);
    }

    /// <summary>
    /// with the pool not mirrored an image reports disabled (no global id, mode journal) and only promote and
    /// resync (ENOENT) differ from the EINVAL of enable, disable, demote and mirror snapshots.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ImageOpsInUnmirroredPool(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        using var image = s.NewImage();
        Check.Equal(new RbdMirrorImageInfo("", RbdMirrorImageState.Disabled, false), image.GetMirrorInfo(), "info");
        Check.Equal(RbdMirrorImageMode.Journal, image.GetMirrorMode(), "mode");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.EnableMirroring(RbdMirrorImageMode.Snapshot), "enable");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.DisableMirroring(), "disable");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.PromoteMirroring(), "promote");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.DemoteMirroring(), "demote");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.ResyncMirroring(), "resync");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.CreateMirrorSnapshot(), "mirror snapshot");
    }

    /// <summary>in image mode a not yet mirrored image may be disabled (a no-op); promote and resync are ENOENT, demote EINVAL.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ImageOpsBeforeEnable(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        image.DisableMirroring();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.PromoteMirroring(), "promote");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.DemoteMirroring(), "demote");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.ResyncMirroring(), "resync");
        Check.Equal(new RbdMirrorImageInfo("", RbdMirrorImageState.Disabled, false), image.GetMirrorInfo(), "info");
    }

    /// <summary>journal mode on a layering-only image turns on exclusive-lock and journaling; disabling turns journaling off again.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void JournalModeTogglesJournaling(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        image.EnableMirroring(RbdMirrorImageMode.Journal);
        Check.Equal(RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.Journaling, image.Features, "features");
        var info = image.GetMirrorInfo();
        Check.Equal((36, RbdMirrorImageState.Enabled, true), (info.GlobalId.Length, info.State, info.IsPrimary), "info");
        Check.Equal(RbdMirrorImageMode.Journal, image.GetMirrorMode(), "mode");
        image.DisableMirroring();
        Check.Equal(RbdFeatures.Layering | RbdFeatures.ExclusiveLock, image.Features, "features after");
        Check.Equal(new RbdMirrorImageInfo("", RbdMirrorImageState.Disabled, false), image.GetMirrorInfo(), "info after");
    }

    /// <summary>enabling again in the same mode is a no-op, in the other mode EINVAL; an unknown mode is ENOENT.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void EnableTwice(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => image.EnableMirroring((RbdMirrorImageMode)5), "mode 5");
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        string globalId = image.GetMirrorInfo().GlobalId;
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        Check.Equal(globalId, image.GetMirrorInfo().GlobalId, "same global id");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.EnableMirroring(RbdMirrorImageMode.Journal), "journal");
        Check.Equal(RbdMirrorImageMode.Snapshot, image.GetMirrorMode(), "mode");
        image.DisableMirroring();
    }

    /// <summary>snapshot mode starts with one primary mirror snapshot named .mirror.primary.&lt;global id&gt;.&lt;uuid&gt; in the Mirror namespace.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void SnapshotModeTakesMirrorSnapshot(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        string globalId = image.GetMirrorInfo().GlobalId;
        var snapshots = image.ListSnapshots();
        Check.Equal(1, snapshots.Count, "snapshots");
        Check.True(snapshots[0].Name.StartsWith(".mirror.primary." + globalId + ".", StringComparison.Ordinal), "name " + snapshots[0].Name);
        Check.Equal((RbdSnapshotNamespaceType.Mirror, false, image.Size), (snapshots[0].NamespaceType, snapshots[0].IsProtected, snapshots[0].Size), "snapshot");
        Check.Equal(RbdSnapshotNamespaceType.Mirror, image.GetSnapshotNamespaceType(snapshots[0].Id), "namespace");
        image.DisableMirroring();
        Check.Equal(0, image.ListSnapshots().Count, "removed with mirroring");
    }

    /// <summary>
    /// a mirror snapshot needs a peer (EINVAL without) and snapshot mode (EINVAL in journal mode); the first one for
    /// a peer replaces the peerless one taken at enable time, later ones add up.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void CreateMirrorSnapshot(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        using var journaled = s.NewImage(Journaled);
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        journaled.EnableMirroring(RbdMirrorImageMode.Journal);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.CreateMirrorSnapshot(), "no peer");
        s.Rbd.AddMirrorPeer("remote", "client.x");
        ulong snapshotId = image.CreateMirrorSnapshot();
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => journaled.CreateMirrorSnapshot(), "journal mode");
        // The snapshot taken at enable time had no peers to send to: the first one for a peer unlinks it.
        var snapshots = image.ListSnapshots();
        Check.Equal(1, snapshots.Count, "snapshots");
        Check.Equal(snapshotId, snapshots[0].Id, "id");
        Check.Equal(RbdSnapshotNamespaceType.Mirror, snapshots[0].NamespaceType, "namespace");
        ulong second = image.CreateMirrorSnapshot();
        Check.Sequence([snapshotId, second], image.ListSnapshots().Select(x => x.Id), "both kept");
        image.DisableMirroring();
        journaled.DisableMirroring();
        s.RemovePeers();
    }

    /// <summary>a primary cannot be promoted (EINVAL, forced too) or resynced (EINVAL); demote makes it non-primary, twice is EINVAL.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PromoteDemoteStates(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.PromoteMirroring(), "promote primary");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.PromoteMirroring(force: true), "force promote primary");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.ResyncMirroring(), "resync primary");
        image.DemoteMirroring();
        Check.Equal(false, image.GetMirrorInfo().IsPrimary, "demoted");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.DemoteMirroring(), "demote twice");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.CreateMirrorSnapshot(), "mirror snapshot");
        image.PromoteMirroring();
        Check.Equal(true, image.GetMirrorInfo().IsPrimary, "promoted");
        image.DisableMirroring();
    }

    /// <summary>in snapshot mode demote and promote each leave one more mirror snapshot.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void DemotePromoteTakeSnapshots(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        image.DemoteMirroring();
        Check.Equal(2, image.ListSnapshots().Count(x => x.NamespaceType == RbdSnapshotNamespaceType.Mirror), "after demote");
        image.PromoteMirroring();
        Check.Equal(3, image.ListSnapshots().Count(x => x.NamespaceType == RbdSnapshotNamespaceType.Mirror), "after promote");
        image.DisableMirroring();
    }

    /// <summary>
    /// a demoted snapshot-mode image, opened after the demotion, refuses writes and snapshots (EROFS) and disabling
    /// without force (EINVAL); promoted it writes again.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void DemotedSnapshotImageIsReadOnly(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string name;
        using (var first = s.NewImage())
        {
            name = first.Name;
            first.EnableMirroring(RbdMirrorImageMode.Snapshot);
            first.DemoteMirroring();
        }

        using var image = s.Rbd.Open(name);
        Check.Throws<StorageException>(Errno.EROFS, () => image.Write(new byte[] { 1 }, 0), "write");
        Check.Throws<StorageException>(Errno.EROFS, () => image.CreateSnapshot("u1"), "snapshot");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.DisableMirroring(), "disable");
        image.PromoteMirroring();
        Check.Equal(1, image.Write(new byte[] { 1 }, 0), "write after promote");
        image.DisableMirroring();
    }

    /// <summary>a demoted journal-mode image refuses writes with EPERM (no exclusive lock for a non-primary) and snapshots with EROFS; resync is accepted.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void DemotedJournalImage(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string name;
        using (var first = s.NewImage(Journaled))
        {
            name = first.Name;
            first.EnableMirroring(RbdMirrorImageMode.Journal);
            first.DemoteMirroring();
        }

        using var image = s.Rbd.Open(name);
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => image.Write(new byte[] { 1 }, 0), "write");
        Check.Throws<StorageException>(Errno.EROFS, () => image.CreateSnapshot("u1"), "snapshot");
        image.ResyncMirroring();
        Check.Equal(false, image.GetMirrorInfo().IsPrimary, "still non-primary");
        image.PromoteMirroring();
        image.DisableMirroring();
    }

    /// <summary>a non-primary image can be disabled with force.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ForceDisableNonPrimary(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        image.DemoteMirroring();
        image.DisableMirroring(force: true);
        Check.Equal(new RbdMirrorImageInfo("", RbdMirrorImageState.Disabled, false), image.GetMirrorInfo(), "info");
        Check.Equal(0, image.ListSnapshots().Count, "snapshots");
    }

    /// <summary>without a mirror daemon the global status has the image name, its info and one local site: unknown, "status not found", down.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void GlobalStatusWithoutDaemon(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        using var image = s.NewImage();
        var before = image.GetMirrorGlobalStatus();
        Check.Equal((image.Name, new RbdMirrorImageInfo("", RbdMirrorImageState.Disabled, false)), (before.Name, before.Info), "not mirrored");
        image.EnableMirroring(RbdMirrorImageMode.Snapshot);
        var status = image.GetMirrorGlobalStatus();
        Check.Equal(image.GetMirrorInfo(), status.Info, "info");
        Check.Sequence([new RbdMirrorImageSiteStatus("", RbdMirrorImageStatusState.Unknown, "status not found", DateTimeOffset.UnixEpoch, false)], status.SiteStatuses, "sites");
        image.DisableMirroring();
    }

    /// <summary>pool mode mirrors journaling images (existing and new); there they cannot be enabled or disabled one by one (EINVAL).</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PoolModeMirrorsJournalingImages(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        using var existing = s.NewImage(Journaled);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Pool);
        using var created = s.NewImage(Journaled);
        foreach (var image in new[] { existing, created })
        {
            var info = image.GetMirrorInfo();
            Check.Equal((RbdMirrorImageState.Enabled, true, RbdMirrorImageMode.Journal), (info.State, info.IsPrimary, image.GetMirrorMode()), image.Name);
        }

        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => existing.EnableMirroring(RbdMirrorImageMode.Journal), "enable");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => existing.DisableMirroring(), "disable");
        s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled);
        Check.Equal(RbdMirrorImageState.Disabled, existing.GetMirrorInfo().State, "disabled with the pool");
    }

    /// <summary>
    /// from pool back to image mode mirrored images stay mirrored, and then the pool cannot be disabled (EINVAL);
    /// a snapshot-mode image without journaling does not keep the pool out of pool mode.
    /// </summary>
    [ConformanceCase(CreatesPools = true)]
    public static void ModeSwitchesWithMirroredImages(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        using var journaled = s.NewImage(Journaled);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Pool);
        string globalId = journaled.GetMirrorInfo().GlobalId;
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        Check.Equal(new RbdMirrorImageInfo(globalId, RbdMirrorImageState.Enabled, true), journaled.GetMirrorInfo(), "kept");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled), "disable with images");
        using var snapshotted = s.NewImage();
        snapshotted.EnableMirroring(RbdMirrorImageMode.Snapshot);
        // Pool mode looks at journaling images only: a snapshot-mirrored one without journaling stays as it is.
        s.Rbd.SetMirrorMode(RbdMirrorMode.Pool);
        Check.Equal(RbdMirrorImageMode.Snapshot, snapshotted.GetMirrorMode(), "snapshot image kept");
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        snapshotted.DisableMirroring();
        journaled.DisableMirroring();
        s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled);
    }

    /// <summary>a mirrored primary image can be removed, and the pool can then go back to disabled.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void RemoveMirroredImage(RadosCaseContext c)
    {
        using var s = new MirrorScope(c);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Image);
        string name;
        using (var image = s.NewImage(Journaled))
        {
            name = image.Name;
            image.EnableMirroring(RbdMirrorImageMode.Journal);
        }

        s.Rbd.Remove(name);
        s.Rbd.SetMirrorMode(RbdMirrorMode.Disabled);
        Check.Equal(RbdMirrorMode.Disabled, s.Rbd.GetMirrorMode(), "mode");
    }

    private static IEnumerable<string> Flat(IReadOnlyDictionary<string, string> attributes)
        => attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value);

    /// <summary>A pool of its own (mirroring state is pool-wide) with small images, opened for the case.</summary>
    private sealed class MirrorScope : IDisposable
    {
        private readonly List<IRbdImage> _images = [];
        private int _counter;

        public MirrorScope(RadosCaseContext c)
        {
            Io = c.Client.OpenIoContext(c.CreatePool());
            Rbd = c.Target.OpenRbd(Io);
        }

        public IRadosIoContext Io { get; }

        public IRbdClient Rbd { get; }

        /// <summary>An open 64 KiB image of 4 KiB objects, layering only unless <paramref name="options"/> say otherwise.</summary>
        public IRbdImage NewImage(RbdImageOptions? options = null)
        {
            string name = "img-" + (++_counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (options is null)
            {
                Rbd.Create(name, 65536, 12);
            }
            else
            {
                Rbd.Create(name, 65536, options);
            }

            var image = Rbd.Open(name);
            _images.Add(image);
            return image;
        }

        public void RemovePeers()
        {
            foreach (var peer in Rbd.ListMirrorPeers())
            {
                Rbd.RemoveMirrorPeer(peer.Uuid);
            }
        }

        public void Dispose()
        {
            foreach (var image in _images)
            {
                image.Dispose();
            }

            Io.Dispose();
        }
    }
}
