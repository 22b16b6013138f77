namespace StorageKit.Rados;

/// <summary>Limits a default Ceph (Pacific) cluster enforces, shared by both implementations.</summary>
public static class RadosLimits
{
    /// <summary>Page size the kit uses for omap listings when the caller gives none.</summary>
    public const int DefaultOmapPageSize = 512;

    /// <summary><c>osd_max_object_name_len</c>: longer object names fail with ENAMETOOLONG.</summary>
    public const int MaxObjectNameLength = 2048;

    /// <summary><c>osd_max_object_namespace_len</c>: longer namespaces fail with ENAMETOOLONG.</summary>
    public const int MaxNamespaceLength = 256;

    /// <summary><c>osd_max_attr_name_len</c>: longer xattr names fail with ENAMETOOLONG.</summary>
    public const int MaxXattrNameLength = 100;

    /// <summary><c>osd_max_omap_entries_per_request</c> (Pacific default, measured): the OSD caps a page at this many entries.</summary>
    public const int MaxOmapEntriesPerRequest = 1024;

    /// <summary><c>osd_max_object_size</c>: writes or truncates ending beyond it fail with EFBIG.</summary>
    public const long MaxObjectSize = 128L << 20;
}
