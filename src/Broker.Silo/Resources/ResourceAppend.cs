using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Silo.Audit;
using Broker.Silo.Storage;

namespace Broker.Silo.Resources;

/// <summary>
/// The rows of one resource append, as <see cref="ResourceJournal"/> writes them: the events, the directory row of the
/// state after them and their audit rows. Also the document of an <see cref="AlongsideWrite"/> of kind <see cref="Kind"/>,
/// so that a resource's first <c>ready</c> is committed in the department's transaction that commits its quota
/// (<see cref="ResourceAppendWriter"/>): the two are durable together or not at all, in one transaction instead of two.
/// </summary>
public sealed record ResourceAppend(IReadOnlyList<ResourceEventRow> Events, IReadOnlyList<ResourceDirectoryRow> Directory, IReadOnlyList<AuditEntry> Audits)
{
    public const string Kind = "resource-append";

    /// <summary>The rows of <paramref name="events"/>, appended by <paramref name="actor"/>, leading to <paramref name="after"/>.</summary>
    public static ResourceAppend Of(ResourceData after, IReadOnlyList<(long Seq, ResourceEvent Event)> events, string actor, string correlationId, IReadOnlyList<AuditEntry> audits) =>
        new([.. events.Select(e => ResourceEventRow.Of(after, e.Seq, e.Event, actor, correlationId))], [ResourceDirectoryRow.Of(after)], audits);

    /// <summary>
    /// The appends of several resources as one: a resource's appends are awaited one at a time, but two directory rows
    /// for one id must never reach the same upsert (PostgreSQL refuses to update a row twice in one statement).
    /// </summary>
    public static ResourceAppend Merge(IReadOnlyList<ResourceAppend> appends) => appends.Count == 1
        ? appends[0]
        : new([.. appends.SelectMany(a => a.Events)],
            [.. appends.SelectMany(a => a.Directory).GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.Last())],
            [.. appends.SelectMany(a => a.Audits)]);

    public AlongsideWrite ToWrite() => new(Kind, BrokerJson.Serialize(this));
}
