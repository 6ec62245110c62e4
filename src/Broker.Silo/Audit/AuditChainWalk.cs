namespace Broker.Silo.Audit;

/// <summary>
/// Verifies the audit log's hash chains from their rows, given chain by chain in order (rows of one chain never
/// interleave with another's). Pure: the database only supplies each row's stored hashes and the hash recomputed from
/// its content. For each chain it keeps the first break; <see cref="Finish"/> compares each chain's end with its
/// recorded head, which is what shows rows removed from the end of a chain.
/// </summary>
public sealed class AuditChainWalk
{
    /// <summary>The previous hash of a chain's first row.</summary>
    public static readonly string Genesis = new('0', 64);

    private readonly Dictionary<string, (long Seq, string Hash)> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuditBreak> _breaks = new(StringComparer.Ordinal);
    private long _rows;

    public void Add(AuditChainLink link)
    {
        _rows++;
        var (seq, hash) = _last.GetValueOrDefault(link.Chain, (0L, Genesis));
        _last[link.Chain] = (link.Seq, link.Hash);
        if (_breaks.ContainsKey(link.Chain))
        {
            return;
        }

        var broken =
            link.Seq != seq + 1 ? new AuditBreak(link.Chain, link.Id, seq + 1, "row-missing", Position(seq + 1), Position(link.Seq))
            : !string.Equals(link.PrevHash, hash, StringComparison.Ordinal) ? new AuditBreak(link.Chain, link.Id, link.Seq, "link-broken", hash, link.PrevHash)
            : !string.Equals(link.Hash, link.Recomputed, StringComparison.Ordinal) ? new AuditBreak(link.Chain, link.Id, link.Seq, "row-altered", link.Recomputed, link.Hash)
            : null;
        if (broken is not null)
        {
            _breaks[link.Chain] = broken;
        }
    }

    /// <param name="heads">The recorded head of every chain.</param>
    public AuditVerification Finish(IReadOnlyDictionary<string, AuditChainHead> heads)
    {
        foreach (var chain in heads.Keys.Union(_last.Keys, StringComparer.Ordinal).Where(c => !_breaks.ContainsKey(c)))
        {
            var (seq, hash) = _last.GetValueOrDefault(chain, (0L, Genesis));
            var recorded = heads.GetValueOrDefault(chain);
            if (recorded is null || recorded.Seq != seq || !string.Equals(recorded.Head, hash, StringComparison.Ordinal))
            {
                _breaks[chain] = new AuditBreak(chain, null, seq, "head-mismatch",
                    recorded is null ? "no recorded head" : $"{Position(recorded.Seq)}: {recorded.Head}", $"{Position(seq)}: {hash}");
            }
        }

        var broken = _breaks.Values.OrderBy(b => b.RowId ?? long.MaxValue).ThenBy(b => b.Chain, StringComparer.Ordinal).ToList();
        var walked = _last.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new AuditChainHead(l.Key, l.Value.Seq, l.Value.Hash)).ToList();
        return new AuditVerification(broken.Count == 0, _rows, walked.Count, broken.FirstOrDefault(),
            broken.Select(b => b.Chain).Order(StringComparer.Ordinal).ToList(), walked);
    }

    private static string Position(long seq) => $"seq {seq}";
}
