using StorageKit.Rados;

namespace StorageKit.Rbd;

/// <summary>Argument checks shared by both implementations, made before anything else.</summary>
internal static class RbdArguments
{
    /// <summary>An image name: not null, no NUL.</summary>
    public static void ImageName(string name, string paramName = "name") => RadosArguments.Name(name, paramName);

    /// <summary>A size, offset or length: not negative.</summary>
    public static void NotNegative(long value, string paramName) => ArgumentOutOfRangeException.ThrowIfNegative(value, paramName);
}
