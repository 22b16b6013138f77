using System.Globalization;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// RBD groups measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD groups"): the group
/// directory, member images, group snapshots and their snapshots in the group namespace on each image, rollback,
/// and what membership changes about removing an image.
/// </summary>
[ConformanceArea("rbd.groups")]
public static class GroupCases
{
    /// <summary>a new group is listed, the list sorted by name; a group and an image may share a name.</summary>
    [ConformanceCase]
    public static void CreateListsGroupsSorted(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string b = s.NewGroup("b");
        string a = s.NewGroup("a");
        string image = s.Images.NewImage(4096);
        s.Rbd.CreateGroup(image);
        s.Track(image);
        var mine = s.Rbd.ListGroups().Where(n => n.StartsWith(c.Namespace + "-", StringComparison.Ordinal)).ToList();
        Check.Sequence(new[] { a, b, image }.Order(StringComparer.Ordinal), mine, "groups of the case, sorted");
        Check.True(s.Rbd.List().Contains(image), "the image is still listed");
    }

    /// <summary>creating a group whose name is taken is EEXIST; an empty name is EINVAL.</summary>
    [ConformanceCase]
    public static void CreateExistingOrEmptyNameFails(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.CreateGroup(g), "create again");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.CreateGroup(""), "empty name");
    }

    /// <summary>removing a missing group (or one with an empty name) is no error; a removed group is no longer listed.</summary>
    [ConformanceCase]
    public static void RemoveMissingGroupIsNoError(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        s.Rbd.RemoveGroup(g);
        Check.True(!s.Rbd.ListGroups().Contains(g), "removed group not listed");
        s.Rbd.RemoveGroup(g);
        s.Rbd.RemoveGroup("");
    }

    /// <summary>renaming moves the name; members then report the new group name.</summary>
    [ConformanceCase]
    public static void RenameGroupKeepsMembers(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        string renamed = s.TrackName("renamed");
        s.Rbd.RenameGroup(g, renamed);
        var groups = s.Rbd.ListGroups();
        Check.True(groups.Contains(renamed) && !groups.Contains(g), "listed under the new name only");
        Check.Sequence([image], s.Rbd.ListGroupImages(renamed).Select(i => i.Name), "members kept");
        using var handle = s.Rbd.Open(image);
        Check.Equal(renamed, handle.GetGroup()?.Name, "the image's group");
    }

    /// <summary>renaming a missing group is ENOENT; renaming onto a taken name, the group's own too, is EEXIST.</summary>
    [ConformanceCase]
    public static void RenameGroupErrors(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string other = s.NewGroup();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RenameGroup(g + "-missing", g + "-x"), "missing source");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.RenameGroup(g, other), "onto another group");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.RenameGroup(g, g), "onto itself");
    }

    /// <summary>listing the images or the snapshots of a missing group gives empty lists, no error.</summary>
    [ConformanceCase]
    public static void ListingMissingGroupIsEmpty(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string missing = s.TrackName("missing");
        Check.Equal(0, s.Rbd.ListGroupImages(missing).Count, "images");
        Check.Equal(0, s.Rbd.ListGroupSnapshots(missing).Count, "snapshots");
    }

    /// <summary>an added image is listed attached with its pool; it reports its group, and has the Group operation feature.</summary>
    [ConformanceCase]
    public static void AddImageAttachesIt(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        string outsider = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image, s.Images.Io);
        var images = s.Rbd.ListGroupImages(g);
        Check.Equal(1, images.Count, "one image");
        Check.Equal(new RbdGroupImageInfo(image, s.Images.Io.PoolId, RbdGroupImageState.Attached), images[0], "image entry");
        using var handle = s.Rbd.Open(image);
        Check.Equal(new RbdGroupInfo(g, s.Images.Io.PoolId), handle.GetGroup(), "group of the image");
        Check.Equal(RbdOperationFeatures.Group, handle.OperationFeatures, "operation features");
        Check.True((handle.Features & RbdFeatures.Operations) != 0, "operations feature bit");
        using var other = s.Rbd.Open(outsider);
        Check.Equal<RbdGroupInfo?>(null, other.GetGroup(), "an image in no group");
        Check.Equal(RbdOperationFeatures.None, other.OperationFeatures, "no operation features");
    }

    /// <summary>adding an image to its own group again is no error and lists it once.</summary>
    [ConformanceCase]
    public static void AddImageAgainIsNoOp(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.AddGroupImage(g, image);
        Check.Sequence([image], s.Rbd.ListGroupImages(g).Select(i => i.Name), "listed once");
    }

    /// <summary>adding an image of another group is EEXIST and leaves it where it was.</summary>
    [ConformanceCase]
    public static void AddImageOfAnotherGroupIsEexist(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string other = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.AddGroupImage(other, image), "add to another group");
        Check.Equal(0, s.Rbd.ListGroupImages(other).Count, "the other group lists nothing");
        using var handle = s.Rbd.Open(image);
        Check.Equal(g, handle.GetGroup()?.Name, "still in its group");
    }

    /// <summary>adding to a missing group (an empty name too) or adding a missing image is ENOENT.</summary>
    [ConformanceCase]
    public static void AddMissingIsEnoent(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.AddGroupImage(g + "-missing", image), "missing group");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.AddGroupImage("", image), "empty group name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.AddGroupImage(g, s.Images.NewName("missing")), "missing image");
        Check.Equal(0, s.Rbd.ListGroupImages(g).Count, "nothing added");
    }

    /// <summary>an image taken out of its group reports no group and loses the Group operation feature.</summary>
    [ConformanceCase]
    public static void RemoveImageDetachesIt(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.RemoveGroupImage(g, image);
        Check.Equal(0, s.Rbd.ListGroupImages(g).Count, "group empty");
        using var handle = s.Rbd.Open(image);
        Check.Equal<RbdGroupInfo?>(null, handle.GetGroup(), "no group");
        Check.Equal(RbdOperationFeatures.None, handle.OperationFeatures, "no operation features");
        Check.True((handle.Features & RbdFeatures.Operations) == 0, "no operations feature bit");
    }

    /// <summary>an image leaves its group by id too; an unknown id is no error.</summary>
    [ConformanceCase]
    public static void RemoveImageById(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        string id;
        using (var handle = s.Rbd.Open(image))
        {
            id = handle.Id;
        }

        s.Rbd.RemoveGroupImageById(g, "0123456789ab");
        Check.Equal(1, s.Rbd.ListGroupImages(g).Count, "unknown id changes nothing");
        s.Rbd.RemoveGroupImageById(g, id);
        Check.Equal(0, s.Rbd.ListGroupImages(g).Count, "removed by id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveGroupImageById(g + "-missing", id), "missing group");
    }

    /// <summary>removing an image that is in no group is no error; a missing image or group is ENOENT.</summary>
    [ConformanceCase]
    public static void RemoveImageNotInGroup(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.RemoveGroupImage(g, image);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveGroupImage(g, s.Images.NewName("missing")), "missing image");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveGroupImage(g + "-missing", image), "missing group");
    }

    /// <summary>
    /// taking an image of another group out is EBADF, and the group is left listing it as incomplete (librbd marks
    /// it before it asks the image); once the image left its own group, the entry can be removed.
    /// </summary>
    [ConformanceCase]
    public static void RemoveImageOfAnotherGroupIsEbadf(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string other = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(other, image);
        Check.Throws<StorageException>(Errno.EBADF, () => s.Rbd.RemoveGroupImage(g, image), "remove from the wrong group");
        Check.Equal(new RbdGroupImageInfo(image, s.Images.Io.PoolId, RbdGroupImageState.Incomplete), s.Rbd.ListGroupImages(g).Single(), "incomplete entry");
        Check.Throws<StorageException>(Errno.EBADF, () => s.Rbd.RemoveGroup(g), "removing the group stops at that image");
        s.Rbd.RemoveGroupImage(other, image);
        s.Rbd.RemoveGroupImage(g, image);
        Check.Equal(0, s.Rbd.ListGroupImages(g).Count, "entry gone");
    }

    /// <summary>an image in a group cannot be removed (EMLINK); out of the group it can.</summary>
    [ConformanceCase]
    public static void ImageInGroupCannotBeRemoved(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        Check.Throws<StorageException>(Errno.EMLINK, () => s.Rbd.Remove(image), "remove a member");
        s.Rbd.RemoveGroupImage(g, image);
        s.Rbd.Remove(image);
        Check.True(!s.Rbd.List().Contains(image), "removed");
    }

    /// <summary>a member with a group snapshot is refused for its snapshots first (ENOTEMPTY, not EMLINK).</summary>
    [ConformanceCase]
    public static void MemberWithGroupSnapshotRemoveIsEnotempty(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => s.Rbd.Remove(image), "remove a member with a group snapshot");
    }

    /// <summary>a renamed member is listed under its new name (groups record image ids).</summary>
    [ConformanceCase]
    public static void RenamedMemberIsListedByNewName(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        string renamed = s.Images.NewName("renamed");
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.Rename(image, renamed);
        Check.Sequence([renamed], s.Rbd.ListGroupImages(g).Select(i => i.Name), "new name listed");
    }

    /// <summary>
    /// a group snapshot is listed complete; each member gets a snapshot in the group namespace named
    /// <c>.group.&lt;pool&gt;_&lt;group id&gt;_&lt;snapshot id&gt;</c>, the same on every member, which rbd_snap_list shows.
    /// </summary>
    [ConformanceCase]
    public static void GroupSnapshotTakesGroupNamespaceSnapshots(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string first = s.Images.NewImage(8192);
        string second = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, first);
        s.Rbd.AddGroupImage(g, second);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        Check.Sequence([new RbdGroupSnapshotInfo("gs", RbdGroupSnapshotState.Complete)], s.Rbd.ListGroupSnapshots(g), "group snapshots");
        Check.Sequence(new[] { first, second }.Order(StringComparer.Ordinal), s.Rbd.ListGroupImages(g).Select(i => i.Name).Order(StringComparer.Ordinal), "members");
        using var a = s.Rbd.Open(first);
        using var b = s.Rbd.Open(second);
        var sa = a.ListSnapshots().Single();
        var sb = b.ListSnapshots().Single();
        string prefix = string.Create(CultureInfo.InvariantCulture, $".group.{s.Images.Io.PoolId}_");
        Check.True(sa.Name.StartsWith(prefix, StringComparison.Ordinal), "image snapshot name " + sa.Name);
        Check.Equal(sa.Name, sb.Name, "same name on every member");
        Check.Equal(RbdSnapshotNamespaceType.Group, sa.NamespaceType, "listed namespace");
        Check.Equal(RbdSnapshotNamespaceType.Group, a.GetSnapshotNamespaceType(sa.Id), "namespace by id");
        Check.Equal(sa.Name, a.GetSnapshotName(sa.Id), "name by id");
        Check.Equal(8192L, sa.Size, "size of the first");
        Check.Equal(4096L, sb.Size, "size of the second");
        Check.True(!sa.IsProtected, "not protected");
        Check.Equal(new RbdSnapshotGroupNamespace(s.Images.Io.PoolId, g, "gs"), a.GetSnapshotGroupNamespace(sa.Id), "group namespace");
    }

    /// <summary>a group without images takes a snapshot too, listed complete.</summary>
    [ConformanceCase]
    public static void GroupSnapshotOfEmptyGroup(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        s.Rbd.CreateGroupSnapshot(g, "gs");
        Check.Sequence([new RbdGroupSnapshotInfo("gs", RbdGroupSnapshotState.Complete)], s.Rbd.ListGroupSnapshots(g), "group snapshots");
        s.Rbd.RemoveGroupSnapshot(g, "gs");
        Check.Equal(0, s.Rbd.ListGroupSnapshots(g).Count, "removed");
    }

    /// <summary>group snapshot errors: a taken name is EEXIST, an empty one EINVAL; a missing group or snapshot is ENOENT.</summary>
    [ConformanceCase]
    public static void GroupSnapshotErrors(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string missing = g + "-missing";
        s.Rbd.CreateGroupSnapshot(g, "gs");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.CreateGroupSnapshot(g, "gs"), "create again");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => s.Rbd.CreateGroupSnapshot(g, ""), "empty name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.CreateGroupSnapshot(missing, "gs"), "create in a missing group");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveGroupSnapshot(missing, "gs"), "remove in a missing group");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RollbackGroupSnapshot(missing, "gs"), "rollback in a missing group");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RemoveGroupSnapshot(g, "nope"), "remove a missing snapshot");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RollbackGroupSnapshot(g, "nope"), "rollback to a missing snapshot");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.RenameGroupSnapshot(g, "nope", "other"), "rename a missing snapshot");
    }

    /// <summary>
    /// renaming a group snapshot shows in the group namespace of the members' snapshots, whose names stay; renaming
    /// onto a taken name, its own too, is EEXIST.
    /// </summary>
    [ConformanceCase]
    public static void RenameGroupSnapshot(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.CreateGroupSnapshot(g, "gs1");
        s.Rbd.CreateGroupSnapshot(g, "gs2");
        using var handle = s.Rbd.Open(image);
        var before = handle.ListSnapshots();
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.RenameGroupSnapshot(g, "gs1", "gs2"), "onto another");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.RenameGroupSnapshot(g, "gs1", "gs1"), "onto itself");
        s.Rbd.RenameGroupSnapshot(g, "gs1", "renamed");
        Check.Sequence(["gs2", "renamed"], s.Rbd.ListGroupSnapshots(g).Select(x => x.Name).Order(StringComparer.Ordinal), "group snapshots");
        var after = handle.ListSnapshots();
        Check.Sequence(before.Select(x => x.Name), after.Select(x => x.Name), "image snapshot names kept");
        Check.Equal("renamed", handle.GetSnapshotGroupNamespace(after[0].Id).GroupSnapshotName, "group namespace follows");
    }

    /// <summary>
    /// a member's group snapshot is out of reach of user-namespace calls by name (ENOENT, not found), a user
    /// snapshot may take the same name, and rbd_snap_get_group_namespace of a user snapshot is EINVAL.
    /// </summary>
    [ConformanceCase]
    public static void GroupSnapshotIsNotAUserSnapshot(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        using var handle = s.Rbd.Open(image);
        string name = handle.ListSnapshots().Single().Name;
        Check.True(!handle.SnapshotExists(name), "not found by name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => handle.GetSnapshotId(name), "id by name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => handle.RemoveSnapshot(name), "remove by name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => handle.RenameSnapshot(name, "x"), "rename");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => handle.ProtectSnapshot(name), "protect");
        handle.CreateSnapshot(name);
        var list = handle.ListSnapshots();
        Check.Sequence([RbdSnapshotNamespaceType.Group, RbdSnapshotNamespaceType.User], list.Select(x => x.NamespaceType), "both listed");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => handle.GetSnapshotGroupNamespace(list[1].Id), "group namespace of a user snapshot");
        handle.RemoveSnapshot(name);
    }

    /// <summary>a member reads its group snapshot after rbd_snap_set_by_id, named by the image snapshot name.</summary>
    [ConformanceCase]
    public static void ReadAtGroupSnapshot(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        using var handle = s.Rbd.Open(image);
        handle.Write(CloneScope.Fill('a', 4096), 0);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        handle.Write(CloneScope.Fill('b', 4096), 0);
        var snapshot = handle.ListSnapshots().Single();
        using var reader = s.Rbd.Open(image);
        reader.SetSnapshot(snapshot.Id);
        Check.Equal(snapshot.Name, reader.CurrentSnapshotName, "current snapshot");
        Check.Bytes(CloneScope.Fill('a', 4096), CloneScope.ReadAll(reader, 0, 4096), "data at the group snapshot");
    }

    /// <summary>rolling the group back restores every member; progress goes 0..n-1 of n objects for each member.</summary>
    [ConformanceCase]
    public static void RollbackRestoresEveryMemberWithProgress(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string first = s.Images.NewImage(8192);
        string second = s.Images.NewImage(8192);
        s.Rbd.AddGroupImage(g, first);
        s.Rbd.AddGroupImage(g, second);
        using var a = s.Rbd.Open(first);
        using var b = s.Rbd.Open(second);
        a.Write(CloneScope.Fill('a', 4096), 0);
        b.Write(CloneScope.Fill('b', 4096), 4096);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        a.Write(CloneScope.Fill('x', 8192), 0);
        b.Write(CloneScope.Fill('y', 8192), 0);
        var reports = new List<RbdProgress>();
        s.Rbd.RollbackGroupSnapshot(g, "gs", new ListProgress(reports));

        // librbd rolls the members back concurrently: the reports of the two interleave.
        Check.Sequence(
            [new RbdProgress(0, 2), new RbdProgress(0, 2), new RbdProgress(1, 2), new RbdProgress(1, 2)],
            reports.OrderBy(r => r.Done),
            "progress per member");
        Check.Bytes([.. CloneScope.Fill('a', 4096), .. new byte[4096]], CloneScope.ReadAll(a, 0, 8192), "first restored");
        Check.Bytes([.. new byte[4096], .. CloneScope.Fill('b', 4096)], CloneScope.ReadAll(b, 0, 8192), "second restored");
    }

    /// <summary>rollback without progress restores the members too; an image that joined after the snapshot is left alone.</summary>
    [ConformanceCase]
    public static void RollbackLeavesLaterMembersAlone(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string member = s.Images.NewImage(4096);
        string later = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, member);
        using var a = s.Rbd.Open(member);
        using var b = s.Rbd.Open(later);
        a.Write(CloneScope.Fill('a', 4096), 0);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        s.Rbd.AddGroupImage(g, later);
        a.Write(CloneScope.Fill('x', 4096), 0);
        b.Write(CloneScope.Fill('y', 4096), 0);
        s.Rbd.RollbackGroupSnapshot(g, "gs");
        Check.Bytes(CloneScope.Fill('a', 4096), CloneScope.ReadAll(a, 0, 4096), "member restored");
        Check.Bytes(CloneScope.Fill('y', 4096), CloneScope.ReadAll(b, 0, 4096), "later member untouched");
        Check.Equal(0, b.ListSnapshots().Count, "later member has no snapshot");
    }

    /// <summary>
    /// removing a group snapshot removes the members' snapshots, also of an image that left the group meanwhile
    /// (which keeps its group snapshots until then).
    /// </summary>
    [ConformanceCase]
    public static void RemoveGroupSnapshotRemovesMemberSnapshots(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string stays = s.Images.NewImage(4096);
        string leaves = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, stays);
        s.Rbd.AddGroupImage(g, leaves);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        s.Rbd.RemoveGroupImage(g, leaves);
        using var a = s.Rbd.Open(stays);
        using var b = s.Rbd.Open(leaves);
        Check.Equal(1, b.ListSnapshots().Count, "the leaver keeps its group snapshot");
        Check.Equal<RbdGroupInfo?>(null, b.GetGroup(), "the leaver is in no group");
        s.Rbd.RemoveGroupSnapshot(g, "gs");
        Check.Equal(0, s.Rbd.ListGroupSnapshots(g).Count, "group snapshot gone");
        Check.Equal(0, a.ListSnapshots().Count, "member snapshot gone");
        Check.Equal(0, b.ListSnapshots().Count, "leaver snapshot gone");
    }

    /// <summary>a member's group snapshot can be removed by id (rbd_snap_remove_by_id); the group snapshot stays listed.</summary>
    [ConformanceCase]
    public static void MemberSnapshotRemovableById(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        using var handle = s.Rbd.Open(image);
        handle.RemoveSnapshot(handle.ListSnapshots().Single().Id);
        Check.Equal(0, handle.ListSnapshots().Count, "image snapshot gone");
        Check.Sequence([new RbdGroupSnapshotInfo("gs", RbdGroupSnapshotState.Complete)], s.Rbd.ListGroupSnapshots(g), "group snapshot still listed");
    }

    /// <summary>removing a group removes its snapshots from the members and releases them (no group, no operation features).</summary>
    [ConformanceCase]
    public static void RemoveGroupReleasesMembers(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        s.Rbd.CreateGroupSnapshot(g, "gs");
        s.Rbd.RemoveGroup(g);
        Check.True(!s.Rbd.ListGroups().Contains(g), "group gone");
        using (var handle = s.Rbd.Open(image))
        {
            Check.Equal(0, handle.ListSnapshots().Count, "group snapshot removed from the member");
            Check.Equal<RbdGroupInfo?>(null, handle.GetGroup(), "no group");
            Check.Equal(RbdOperationFeatures.None, handle.OperationFeatures, "no operation features");
        }

        s.Rbd.Remove(image);
    }

    /// <summary>
    /// the RADOS layout: <c>rbd_group_directory</c> maps <c>name_&lt;name&gt;</c> to the id and <c>id_&lt;id&gt;</c> back,
    /// <c>rbd_group_header.&lt;id&gt;</c> exists, a member's header has an <c>rbd_group_ref</c> key; removal leaves the
    /// directory object with no keys of the group, and no header.
    /// </summary>
    [ConformanceCase]
    public static void RadosLayout(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        var io = s.Images.Io;
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        s.Rbd.AddGroupImage(g, image);
        string id = DecodeString(Omap(io, "rbd_group_directory", "name_" + g)!);
        Check.Equal(g, DecodeString(Omap(io, "rbd_group_directory", "id_" + id)!), "id key maps back");
        io.Stat("rbd_group_header." + id);
        string imageId;
        using (var handle = s.Rbd.Open(image))
        {
            imageId = handle.Id;
        }

        Check.True(Omap(io, "rbd_header." + imageId, "rbd_group_ref") is not null, "member header has a group key");
        s.Rbd.RemoveGroupImage(g, image);
        Check.True(Omap(io, "rbd_header." + imageId, "rbd_group_ref") is null, "group key gone with the membership");
        s.Rbd.RemoveGroup(g);
        Check.True(Omap(io, "rbd_group_directory", "name_" + g) is null && Omap(io, "rbd_group_directory", "id_" + id) is null, "directory keys gone");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("rbd_group_header." + id), "header removed");
    }

    /// <summary>null names are argument errors before anything reaches librbd; a disposed handle's group calls are ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void ArgumentAndDisposedChecks(RadosCaseContext c)
    {
        using var s = new GroupScope(c);
        string g = s.NewGroup();
        string image = s.Images.NewImage(4096);
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.CreateGroup(null!), "create");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.RenameGroup(g, null!), "rename");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.AddGroupImage(g, null!), "add");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.RemoveGroupImageById(g, null!), "remove by id");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.CreateGroupSnapshot(g, null!), "snapshot");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.RollbackGroupSnapshot(null!, "gs"), "rollback");
        var handle = s.Rbd.Open(image);
        handle.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => handle.GetGroup(), "get group");
        Check.ThrowsExactly<ObjectDisposedException>(() => handle.GetSnapshotGroupNamespace(1), "group namespace");
    }

    private static byte[]? Omap(IRadosIoContext io, string objectName, string key)
    {
        var page = io.GetOmapValues(objectName, "", key);
        return page.Entries.FirstOrDefault(e => e.Key == key) is { Key: not null } entry ? entry.Value.ToArray() : null;
    }

    private static string DecodeString(byte[] encoded)
        => System.Text.Encoding.UTF8.GetString(encoded, 4, BitConverter.ToInt32(encoded, 0));

    private sealed class ListProgress(List<RbdProgress> reports) : IProgress<RbdProgress>
    {
        public void Report(RbdProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
