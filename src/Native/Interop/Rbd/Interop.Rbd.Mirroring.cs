using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>rbd_mirror_peer_site_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MirrorPeerSite
        {
            public nint Uuid;
            public int Direction;
            public nint SiteName;
            public nint MirrorUuid;
            public nint ClientName;
            public long LastSeen;
        }

        /// <summary><c>rbd_mirror_image_info_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MirrorImageInfo
        {
            public nint GlobalId;
            public int State;
            public byte Primary;
        }

        /// <summary><c>rbd_mirror_image_site_status_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MirrorImageSiteStatus
        {
            public nint MirrorUuid;
            public int State;
            public nint Description;
            public long LastUpdate;
            public byte Up;
        }

        /// <summary><c>rbd_mirror_image_global_status_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MirrorImageGlobalStatus
        {
            public nint Name;
            public MirrorImageInfo Info;
            public uint SiteStatusesCount;
            public nint SiteStatuses;
        }

        [LibraryImport(Libraries.Rados)]
        internal static partial nint rados_ioctx_get_cluster(RadosIoContextHandle ioContext);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_mirror_site_name_get(nint cluster, byte* name, ref nuint maxLength);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_mirror_site_name_set(nint cluster, string name);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_mode_get(RadosIoContextHandle ioContext, out int mode);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_mode_set(RadosIoContextHandle ioContext, int mode);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_mirror_uuid_get(RadosIoContextHandle ioContext, byte* uuid, ref nuint maxLength);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_mirror_peer_site_add(RadosIoContextHandle ioContext, byte* uuid, nuint uuidMaxLength, int direction, string siteName, string clientName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_mirror_peer_site_set_name(RadosIoContextHandle ioContext, string uuid, string siteName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_mirror_peer_site_set_client_name(RadosIoContextHandle ioContext, string uuid, string clientName);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_mirror_peer_site_set_direction(RadosIoContextHandle ioContext, string uuid, int direction);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rbd_mirror_peer_site_remove(RadosIoContextHandle ioContext, string uuid);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_mirror_peer_site_list(RadosIoContextHandle ioContext, MirrorPeerSite* peers, ref int maxPeers);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_mirror_peer_site_list_cleanup(MirrorPeerSite* peers, int maxPeers);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_mirror_peer_site_get_attributes(RadosIoContextHandle ioContext, string uuid, byte* keys, ref nuint maxKeyLength, byte* values, ref nuint maxValueLength, out nuint keyValueCount);

        [LibraryImport(Libraries.Rbd, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int rbd_mirror_peer_site_set_attributes(RadosIoContextHandle ioContext, string uuid, byte* keys, byte* values, nuint keyValueCount);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_enable2(RbdImageHandle image, int mode);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_disable(RbdImageHandle image, [MarshalAs(UnmanagedType.U1)] bool force);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_promote(RbdImageHandle image, [MarshalAs(UnmanagedType.U1)] bool force);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_demote(RbdImageHandle image);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_resync(RbdImageHandle image);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_create_snapshot(RbdImageHandle image, out ulong snapshotId);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_mirror_image_get_info(RbdImageHandle image, MirrorImageInfo* info, nuint infoSize);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_mirror_image_get_info_cleanup(MirrorImageInfo* info);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_mirror_image_get_mode(RbdImageHandle image, out int mode);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial int rbd_mirror_image_get_global_status(RbdImageHandle image, MirrorImageGlobalStatus* status, nuint statusSize);

        [LibraryImport(Libraries.Rbd)]
        internal static unsafe partial void rbd_mirror_image_global_status_cleanup(MirrorImageGlobalStatus* status);
    }
}
