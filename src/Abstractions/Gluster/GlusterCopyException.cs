namespace StorageKit.Gluster;

/// <summary>One failure met while copying a tree: the paths and what went wrong.</summary>
/// <param name="Source">Path being copied.</param>
/// <param name="Destination">Where it was going.</param>
/// <param name="Error">The exception raised.</param>
public sealed record GlusterCopyError(string Source, string Destination, Exception Error);

/// <summary>
/// A copy helper refused or partly failed: <c>CopyFile</c> of a file onto itself, or a <c>CopyTree</c> that
/// met errors (all listed in <see cref="Errors"/>; the rest of the tree was copied), like <c>shutil.Error</c>.
/// </summary>
public sealed class GlusterCopyException : IOException
{
    /// <summary>A copy failure with the errors met.</summary>
    public GlusterCopyException(string message, IReadOnlyList<GlusterCopyError> errors)
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>Every error met, in the order met (empty when the copy was refused as a whole).</summary>
    public IReadOnlyList<GlusterCopyError> Errors { get; }
}
