namespace StorageKit.Emulator.Rados;

/// <summary>
/// An emulated OSD class method: reads <see cref="EmulatedClassContext.Input"/>, works on the object through
/// the context and returns its output. Throw a <see cref="StorageException"/> (built with
/// <see cref="StorageErrors.Create"/>) to fail with an errno; the object is then left as it was.
/// </summary>
/// <param name="context">The object the method runs on, its input and its caller.</param>
/// <returns>The method's output (dropped for methods that write, as the OSD does).</returns>
public delegate ReadOnlyMemory<byte> EmulatedClassMethod(EmulatedClassContext context);
