namespace StorageKit.Rados;

public partial interface IRadosIoContext
{
    /// <summary>
    /// Runs method <paramref name="method"/> of the OSD object class <paramref name="className"/> on an object
    /// (<c>rados_exec</c>; natively run with <c>rados_read_op_exec</c>, which librados' <c>rados_exec</c> is built
    /// on, so the whole output comes back) and returns what it wrote to its output. EOPNOTSUPP for an unknown class or method;
    /// ENOENT when a method that only reads runs on a missing object; otherwise the method's own errno.
    /// Methods that write run as one atomic transaction and their output is dropped by the OSD (empty).
    /// </summary>
    /// <param name="objectName">The object the method runs on.</param>
    /// <param name="className">The class, for example <c>lock</c> or <c>hello</c>.</param>
    /// <param name="method">The method, for example <c>get_info</c>.</param>
    /// <param name="input">The method's input, encoded as the class expects.</param>
    byte[] Execute(string objectName, string className, string method, ReadOnlySpan<byte> input);
}
