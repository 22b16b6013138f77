namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedRadosIoContext
{
    /// <summary>The cluster's clock, for layers above RADOS (RBD header timestamps) that record time.</summary>
    internal TimeProvider Time => _client.Cluster.Time;
}
