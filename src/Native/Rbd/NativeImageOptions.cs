using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>An <c>rbd_image_options_t</c> filled from <see cref="RbdImageOptions"/>; only the options given are set.</summary>
internal sealed class NativeImageOptions : IDisposable
{
    /// <summary><c>RBD_IMAGE_OPTION_CLONE_FORMAT</c>.</summary>
    private const int ImageOptionCloneFormat = 12;

    private NativeImageOptions(nint handle) => Handle = handle;

    public nint Handle { get; private set; }

    public static NativeImageOptions From(RbdImageOptions? options, string operation, string target)
    {
        Interop.Rbd.rbd_image_options_create(out nint handle);
        var result = new NativeImageOptions(handle);
        try
        {
            if (options is not null)
            {
                result.Set(Interop.Rbd.ImageOptionFormat, options.Format, operation, target);
                result.Set(Interop.Rbd.ImageOptionFeatures, options.Features is { } features ? (long)features : null, operation, target);
                result.Set(Interop.Rbd.ImageOptionOrder, options.Order, operation, target);
                result.Set(Interop.Rbd.ImageOptionStripeUnit, options.StripeUnit, operation, target);
                result.Set(Interop.Rbd.ImageOptionStripeCount, options.StripeCount, operation, target);
                result.Set(ImageOptionCloneFormat, options.CloneFormat, operation, target);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Handle != 0)
        {
            Interop.Rbd.rbd_image_options_destroy(Handle);
            Handle = 0;
        }
    }

    private void Set(int option, long? value, string operation, string target)
    {
        if (value is long given)
        {
            RadosCall.Check(Interop.Rbd.rbd_image_options_set_uint64(Handle, option, unchecked((ulong)given)), operation, target);
        }
    }
}
