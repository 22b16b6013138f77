namespace StorageKit.Conformance.Framework;

/// <summary>A conformance case found behaviour other than what the real system does.</summary>
public sealed class ConformanceFailedException : Exception
{
    /// <summary>Creates a failure with a message that says what was expected and what happened.</summary>
    public ConformanceFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a failure wrapping the unexpected exception.</summary>
    public ConformanceFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
