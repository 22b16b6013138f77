using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>An <c>rbd_image_options_t</c> filled from <see cref="RbdImageOptions"/>; only the options given are set.</summary>
internal sealed class NativeImageOptions : IDisposable
{
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
                result.Set(Interop.Rbd.ImageOption.Format, options.Format, operation, target);
                result.Set(Interop.Rbd.ImageOption.Features, options.Features is { } features ? (long)features : null, operation, target);
                result.Set(Interop.Rbd.ImageOption.Order, options.Order, operation, target);
                result.Set(Interop.Rbd.ImageOption.StripeUnit, options.StripeUnit, operation, target);
                result.Set(Interop.Rbd.ImageOption.StripeCount, options.StripeCount, operation, target);
                result.Set(Interop.Rbd.ImageOption.CloneFormat, options.CloneFormat, operation, target);
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

    private void Set(Interop.Rbd.ImageOption option, long? value, string operation, string target)
    {
        if (value is long given)
        {
            RadosCall.Check(Interop.Rbd.rbd_image_options_set_uint64(Handle, (int)option, unchecked((ulong)given)), operation, target);
        }
    }
}
