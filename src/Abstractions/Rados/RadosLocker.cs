namespace StorageKit.Rados;

/// <summary>One holder of a lock.</summary>
/// <param name="Client">The holder's entity name, for example <c>client.4123</c> (what <see cref="IRadosIoContext.BreakLock"/> takes).</param>
/// <param name="Cookie">The holder's cookie.</param>
/// <param name="Address">The holder's address, for example <c>v1:127.0.0.1:0/596602956</c>.</param>
public readonly record struct RadosLocker(string Client, string Cookie, string Address);
