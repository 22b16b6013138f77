using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedRadosIoContext
{
    public byte[] Execute(string objectName, string className, string method, ReadOnlySpan<byte> input)
    {
        const string op = "rados_read_op_exec";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(className, nameof(className));
        RadosArguments.Name(method, nameof(method));
        ObjectKey key = Key(op, objectName);
        return Run(op, key, className, method, input.ToArray());
    }

    /// <summary>Runs a class method as one op on the pool: ENOENT for a deleted pool, EOPNOTSUPP for an unknown class or method.</summary>
    private byte[] Run(string operation, ObjectKey key, string className, string method, byte[] input)
    {
        if (_pool.IsDeleted)
        {
            throw StorageErrors.Create(Errno.ENOENT, operation, key.Name);
        }

        RegisteredClassMethod found = _client.Cluster.FindClassMethod(className, method)
            ?? throw StorageErrors.Create(Errno.EOPNOTSUPP, operation, key.Name, $"{operation} failed: the class method {className}.{method} does not exist.");
        return _pool.Execute(operation, key, found, input, _client.Caller, out _lastVersion);
    }
}
