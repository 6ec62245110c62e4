namespace Broker.Bench.Quota;

/// <summary>One way of admitting reservations durably: the broker's grains, or a SQL baseline.</summary>
public interface IQuotaDesign : IAsyncDisposable
{
    /// <summary>The key in the JSON summary: <c>broker</c>, <c>row_lock</c> or <c>optimistic</c>.</summary>
    string Name { get; }

    Task CreateDepartmentsAsync(IReadOnlyList<string> departments, Demand limits);

    /// <summary>True when granted; false when denied. Returns only once the decision is durable.</summary>
    Task<bool> ReserveAsync(string department, string id, Demand demand);

    Task ReleaseAsync(string department, string id);

    /// <summary>
    /// Counts departments whose use exceeds <paramref name="limits"/>. When <paramref name="quiesced"/> (every client
    /// has released what it held) anything still in use is drift too.
    /// </summary>
    Task<QuotaAudit> AuditAsync(IReadOnlyList<string> departments, Demand limits, bool quiesced);

    DesignCounters Counters();
}
