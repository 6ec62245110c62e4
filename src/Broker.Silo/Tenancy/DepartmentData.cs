using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;

namespace Broker.Silo.Tenancy;

/// <summary>
/// The department grain's state, rebuilt from the journal by <see cref="Apply"/>. It is a mutable class rather than
/// a record replaced with <c>with</c> because a hot department holds thousands of reservations and copying them
/// for every admission would dominate the cost; decisions still read it without changing it.
/// </summary>
[GenerateSerializer, Alias("broker.state.Department")]
public sealed class DepartmentData
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public DepartmentProfile? Profile { get; set; }

    [Id(2)] public QuotaVector Limits { get; set; } = QuotaVector.Empty;

    [Id(3)] public QuotaVector Used { get; set; } = QuotaVector.Empty;

    [Id(4)] public QuotaVector Reserved { get; set; } = QuotaVector.Empty;

    /// <summary>Held and committed reservations of every owner, keyed by <see cref="Reservation.Key"/>.</summary>
    [Id(5)] public Dictionary<string, Reservation> Live { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Released, expired and denied reservations, kept for a window so a replay gets its first answer.</summary>
    [Id(6)] public Dictionary<string, Reservation> Finished { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Sequence number of the last journal entry applied.</summary>
    [Id(7)] public long Seq { get; set; }

    [Id(8)] public DateTimeOffset CreatedAt { get; set; }

    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }

    // Finished ids oldest first, for pruning; rebuilt after loading because only the dictionary is stored.
    [NonSerialized]
    private Queue<string>? _finishedOrder;

    /// <summary>The owner's reservation with this id, live or finished; another owner's is never found.</summary>
    public Reservation? Find(ReservationOwner owner, string id)
    {
        var key = ReservationKey.Of(owner, id);
        return Live.TryGetValue(key, out var live) ? live : Finished.GetValueOrDefault(key);
    }

    public void Apply(long seq, DepartmentEvent e)
    {
        switch (e)
        {
            case DepartmentCreated created:
                Exists = true;
                Profile = created.Profile;
                Limits = created.Limits;
                Used = QuotaVector.Empty;
                Reserved = QuotaVector.Empty;
                Live.Clear();
                Finished.Clear();
                _finishedOrder = null;
                CreatedAt = created.At;
                break;
            case ProfileUpdated updated:
                Profile = updated.Profile;
                break;
            case LimitsSet limits:
                Limits = limits.Limits;
                break;
            case DepartmentDeleted:
                // The last profile stays so that the directory row keeps the department's names.
                Exists = false;
                Limits = QuotaVector.Empty;
                Live.Clear();
                Finished.Clear();
                _finishedOrder = null;
                break;
            case ReservationHeld held:
                Live[ReservationKey.Of(held.Owner, held.Id)] = new Reservation(held.Id, held.Vector, held.Ttl, ReservationState.Held, held.At, held.ExpiresAt, held.At, [], held.Owner);
                Reserved = Reserved.Add(held.Vector);
                break;
            case ReservationDenied denied:
                Finish(new Reservation(denied.Id, denied.Vector, denied.Ttl, ReservationState.Denied, denied.At, null, denied.At, denied.Shortfalls, denied.Owner));
                break;
            case ReservationCommitted committed when Live.TryGetValue(ReservationKey.Of(committed.Owner, committed.Id), out var r) && r.State == ReservationState.Held:
                Reserved = Reserved.Subtract(r.Vector);
                Used = Used.Add(r.Vector);
                Live[r.Key] = r with { State = ReservationState.Committed, ExpiresAt = null, UpdatedAt = committed.At };
                break;
            case ReservationReleased released when Live.Remove(ReservationKey.Of(released.Owner, released.Id), out var r):
                Uncount(r);
                Finish(r with { State = ReservationState.Released, UpdatedAt = released.At });
                break;
            case ReservationResized resized when Live.TryGetValue(ReservationKey.Of(resized.Owner, resized.Id), out var r):
                Uncount(r);
                r = r with { Vector = resized.Vector, UpdatedAt = resized.At };
                Count(r);
                Live[r.Key] = r;
                break;
            case ReservationExpired expired when Live.Remove(ReservationKey.Of(expired.Owner, expired.Id), out var r):
                Reserved = Reserved.Subtract(r.Vector);
                Finish(r with { State = ReservationState.Expired, UpdatedAt = expired.At });
                break;
            case ReservationRepaired repaired:
                Repair(repaired);
                break;
            default:
                // A transition whose precondition no longer holds is a no-op: decisions never emit one,
                // and replaying the journal must not fail on history.
                break;
        }

        Seq = seq;
        UpdatedAt = e.At;
    }

    /// <summary>Forgets finished reservations older than <paramref name="window"/> or beyond <paramref name="maxEntries"/>.</summary>
    public void PruneFinished(DateTimeOffset now, TimeSpan window, int maxEntries)
    {
        var order = FinishedOrder();
        while (order.Count > 0)
        {
            var oldest = order.Peek();
            if (!Finished.TryGetValue(oldest, out var r))
            {
                order.Dequeue();
                continue;
            }

            if (Finished.Count <= maxEntries && r.UpdatedAt >= now - window)
            {
                break;
            }

            order.Dequeue();
            Finished.Remove(oldest);
        }
    }

    public DepartmentData Clone() => new()
    {
        Exists = Exists,
        Profile = Profile,
        Limits = Limits,
        Used = Used,
        Reserved = Reserved,
        Live = new Dictionary<string, Reservation>(Live, StringComparer.Ordinal),
        Finished = new Dictionary<string, Reservation>(Finished, StringComparer.Ordinal),
        Seq = Seq,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };

    public QuotaView ToQuotaView(string code) => new(code, Limits, Used, Reserved, Seq);

    public DepartmentView ToView(string code) => new(code, Profile!, ToQuotaView(code), CreatedAt, UpdatedAt);

    /// <summary>Sets a reservation to what the quota pass found its resource holds: committed with the vector, or released.</summary>
    private void Repair(ReservationRepaired repaired)
    {
        var key = ReservationKey.Of(repaired.Owner, repaired.Id);
        var before = Live.Remove(key, out var live) ? live : null;
        if (before is not null)
        {
            Uncount(before);
        }

        if (repaired.Vector is { } vector)
        {
            // Restored or corrected: the resource exists, so its use counts from now on, held or not before.
            var previous = before ?? Finished.GetValueOrDefault(key);
            Finished.Remove(key);
            var committed = new Reservation(
                repaired.Id, vector, previous?.Ttl ?? TimeSpan.Zero, ReservationState.Committed, previous?.CreatedAt ?? repaired.At, null, repaired.At, [], repaired.Owner);
            Live[key] = committed;
            Count(committed);
        }
        else if (before is not null)
        {
            Finish(before with { State = ReservationState.Released, UpdatedAt = repaired.At });
        }
    }

    private void Count(Reservation r)
    {
        if (r.State == ReservationState.Held)
        {
            Reserved = Reserved.Add(r.Vector);
        }
        else
        {
            Used = Used.Add(r.Vector);
        }
    }

    private void Uncount(Reservation r)
    {
        if (r.State == ReservationState.Held)
        {
            Reserved = Reserved.Subtract(r.Vector);
        }
        else
        {
            Used = Used.Subtract(r.Vector);
        }
    }

    private void Finish(Reservation r)
    {
        // Build the order before adding, or the new key would be queued twice.
        var order = FinishedOrder();
        Finished[r.Key] = r;
        order.Enqueue(r.Key);
    }

    private Queue<string> FinishedOrder() =>
        _finishedOrder ??= new Queue<string>(Finished.Values.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key));
}
