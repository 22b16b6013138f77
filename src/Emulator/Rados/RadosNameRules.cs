using System.Text;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>The OSD's checks on an op's object identity, in the order it runs them.</summary>
internal static class RadosNameRules
{
    public static void CheckObject(string operation, string objectName, string nameSpace, string locator)
    {
        if (Encoding.UTF8.GetByteCount(objectName) > RadosLimits.MaxObjectNameLength
            || Encoding.UTF8.GetByteCount(locator) > RadosLimits.MaxObjectNameLength
            || Encoding.UTF8.GetByteCount(nameSpace) > RadosLimits.MaxNamespaceLength)
        {
            throw StorageErrors.Create(Errno.ENAMETOOLONG, operation, objectName);
        }

        if (objectName.Length == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation, objectName);
        }
    }
}
