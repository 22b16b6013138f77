namespace StorageKit.Rados;

/// <summary>Well-known namespace values.</summary>
public static class RadosNamespace
{
    /// <summary>The default namespace.</summary>
    public const string Default = "";

    /// <summary>Lists objects of every namespace (librados <c>LIBRADOS_ALL_NSPACES</c>, "\001").</summary>
    public const string All = "\u0001";
}
