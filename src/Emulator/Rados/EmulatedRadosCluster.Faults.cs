namespace StorageKit.Emulator.Rados;

public sealed partial class EmulatedRadosCluster
{
    private RadosFaultInjector? _faults;

    /// <summary>
    /// Fault injection for this cluster: make the next calls matching a filter fail with an errno or wait, or cut a
    /// client off. Emulator-only; see <see cref="RadosFaultInjector"/>.
    /// </summary>
    public RadosFaultInjector Faults => LazyInitializer.EnsureInitialized(ref _faults, () => new RadosFaultInjector(Options.TimeProvider));
}
