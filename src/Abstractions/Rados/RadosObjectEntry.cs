namespace StorageKit.Rados;

/// <summary>One object found by listing a pool.</summary>
/// <param name="Name">Object name.</param>
/// <param name="Namespace">Namespace it lives in ("" for the default namespace).</param>
/// <param name="LocatorKey">Locator key it was written with, or "" when none.</param>
public readonly record struct RadosObjectEntry(string Name, string Namespace, string LocatorKey);
