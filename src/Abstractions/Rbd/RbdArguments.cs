using StorageKit.Rados;

namespace StorageKit.Rbd;

/// <summary>Argument checks shared by both implementations, made before anything else.</summary>
internal static class RbdArguments
{
    /// <summary>An image name: not null, no NUL.</summary>
    public static void ImageName(string name, string paramName = "name") => RadosArguments.Name(name, paramName);

    /// <summary>A C string (cookie, tag, client): not null, no NUL; may be empty.</summary>
    public static void Text(string value, string paramName) => RadosArguments.Name(value, paramName);

    /// <summary>A size, offset or length: not negative.</summary>
    public static void NotNegative(long value, string paramName) => ArgumentOutOfRangeException.ThrowIfNegative(value, paramName);

    /// <summary>Image options: not null, no negative numbers (librbd takes them as unsigned 64-bit values).</summary>
    public static void Options(RbdImageOptions options, string paramName = "options")
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        if (options.Format is < 0 || options.Order is < 0 || options.StripeUnit is < 0 || options.StripeCount is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, "Image options cannot be negative.");
        }
    }
}
