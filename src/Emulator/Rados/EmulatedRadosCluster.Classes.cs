using System.Collections.Concurrent;
using StorageKit.Emulator.Rados.Classes;

namespace StorageKit.Emulator.Rados;

public sealed partial class EmulatedRadosCluster
{
    private readonly ConcurrentDictionary<(string Class, string Method), RegisteredClassMethod> _classMethods = CreateBuiltInClasses();

    /// <summary>
    /// Adds a method to an emulated OSD object class, so <see cref="StorageKit.Rados.IRadosIoContext.Execute"/>
    /// can call it on this cluster (what loading a <c>libcls_*.so</c> does on an OSD). The built-in classes
    /// <c>lock</c> (used by the lock API) and <c>hello</c> are always there.
    /// </summary>
    /// <param name="className">The class name.</param>
    /// <param name="method">The method name.</param>
    /// <param name="flags">Whether the method reads and/or writes the object; enforced like the OSD does.</param>
    /// <param name="handler">The method.</param>
    /// <exception cref="InvalidOperationException">The class already has a method of that name.</exception>
    public void RegisterClassMethod(string className, string method, EmulatedClassMethodAccess flags, EmulatedClassMethod handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_classMethods.TryAdd((className, method), new RegisteredClassMethod(flags, handler)))
        {
            throw new InvalidOperationException($"The emulated class '{className}' already has a method '{method}'.");
        }
    }

    /// <summary>A method that reads and writes the object (<c>CLS_METHOD_RD | CLS_METHOD_WR</c>); see the other overload.</summary>
    /// <param name="className">The class name.</param>
    /// <param name="method">The method name.</param>
    /// <param name="handler">The method.</param>
    public void RegisterClassMethod(string className, string method, EmulatedClassMethod handler)
        => RegisterClassMethod(className, method, EmulatedClassMethodAccess.Read | EmulatedClassMethodAccess.Write, handler);

    internal RegisteredClassMethod? FindClassMethod(string className, string method)
        => _classMethods.TryGetValue((className, method), out RegisteredClassMethod? found) ? found : null;

    private static ConcurrentDictionary<(string, string), RegisteredClassMethod> CreateBuiltInClasses()
    {
        var methods = new ConcurrentDictionary<(string, string), RegisteredClassMethod>();
        foreach (var (className, method, flags, handler) in LockClass.Methods.Concat(HelloClass.Methods))
        {
            methods[(className, method)] = new RegisteredClassMethod(flags, handler);
        }

        return methods;
    }
}

/// <summary>A class method and how it may touch the object.</summary>
internal sealed record RegisteredClassMethod(EmulatedClassMethodAccess Flags, EmulatedClassMethod Handler);
