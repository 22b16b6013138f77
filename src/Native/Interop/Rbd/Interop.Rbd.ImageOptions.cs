using System.Runtime.InteropServices;

namespace StorageKit.Native;

internal static partial class Interop
{
    internal static partial class Rbd
    {
        /// <summary><c>RBD_IMAGE_OPTION_*</c> keys of <c>rbd_image_options_t</c>.</summary>
        internal enum ImageOption
        {
            Format = 0,
            Features = 1,
            Order = 2,
            StripeUnit = 3,
            StripeCount = 4,
            CloneFormat = 12,
        }

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_image_options_create(out nint options);

        [LibraryImport(Libraries.Rbd)]
        internal static partial void rbd_image_options_destroy(nint options);

        [LibraryImport(Libraries.Rbd)]
        internal static partial int rbd_image_options_set_uint64(nint options, int option, ulong value);
    }
}
