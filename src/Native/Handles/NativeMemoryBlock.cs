using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>Zeroed native memory that librados writes into after a call returned (aio outputs); freed by <see cref="Dispose"/>.</summary>
internal sealed unsafe class NativeMemoryBlock : IDisposable
{
    public NativeMemoryBlock(int size) => Pointer = (byte*)NativeMemory.AllocZeroed((nuint)size);

    /// <summary>The start of the block; null once disposed.</summary>
    public byte* Pointer { get; private set; }

    /// <summary>Frees the block. Idempotent.</summary>
    public void Dispose()
    {
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
