using Broker.Contracts.Common;

namespace Broker.Silo.Storage;

/// <summary>The <see cref="IAlongsideWriter"/> services of the silo, by kind.</summary>
public sealed class AlongsideWriters
{
    private readonly Dictionary<string, IAlongsideWriter> _byKind = new(StringComparer.Ordinal);

    public AlongsideWriters(IEnumerable<IAlongsideWriter> writers)
    {
        foreach (var writer in writers)
        {
            if (!_byKind.TryAdd(writer.Kind, writer))
            {
                throw new InvalidOperationException($"Two alongside writers are registered for kind '{writer.Kind}'.");
            }
        }
    }

    /// <summary>
    /// The writer for <paramref name="write"/>'s kind. An unknown kind is a programming error (no caller's input names a
    /// kind), so it throws, and a committing grain asks before it decides anything.
    /// </summary>
    public AlongsideRows Resolve(AlongsideWrite write) =>
        _byKind.TryGetValue(write.Kind, out var writer)
            ? new AlongsideRows(writer, write.Document)
            : throw new ArgumentException($"No alongside writer is registered for kind '{write.Kind}'.", nameof(write));
}
