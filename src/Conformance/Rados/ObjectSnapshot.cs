using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Everything visible of one object — existence, data, xattrs, omap — to show an operation changed nothing.</summary>
internal sealed record ObjectSnapshot(bool Exists, string Data, string Xattrs, string Omap)
{
    public static ObjectSnapshot Of(IRadosIoContext io, string objectName)
    {
        try
        {
            io.Stat(objectName);
        }
        catch (StorageNotFoundException)
        {
            return new ObjectSnapshot(false, "", "", "");
        }

        string xattrs = string.Join(";", io.GetXattrs(objectName).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Convert.ToHexString(e.Value)}"));
        string omap = string.Join(";", io.GetAllOmapValues(objectName).Select(e => $"{e.Key}={Convert.ToHexString(e.Value.Span)}"));
        return new ObjectSnapshot(true, Convert.ToHexString(io.ReadAll(objectName)), xattrs, omap);
    }
}
