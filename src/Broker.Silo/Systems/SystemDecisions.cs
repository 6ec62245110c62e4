using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Storage;

namespace Broker.Silo.Systems;

/// <summary>
/// The system lifecycle as pure functions of the current state and a request: proposed → approved | rejected, rejected →
/// proposed again on re-registration, approved frozen. The grain validates, asks these, writes, then answers.
/// </summary>
public static class SystemDecisions
{
    public const int MaxAllocationId = 200;

    public const string SelfReview = "system.self-review";

    /// <summary>
    /// The stable code refusing a category that may not be built separately (seed 004), which also names the shared
    /// platform to use instead; null for the categories that may be built.
    /// </summary>
    public static string? SharedPlatformCode(SystemCategory category) => category switch
    {
        SystemCategory.PublicService => "system.shared-platform.public-service",
        SystemCategory.InternalCollaboration => "system.shared-platform.internal-collaboration",
        SystemCategory.InformationPublishing => "system.shared-platform.information-publishing",
        _ => null,
    };

    public static bool NeedsExemption(SystemCategory category) => SharedPlatformCode(category) is not null;

    /// <summary>
    /// Registration or re-submission of an already validated <paramref name="registration"/> by
    /// <paramref name="submittedBy"/>, who then may not review it.
    /// </summary>
    public static SystemDecision Register(SystemData current, SystemRegistration registration, DateTimeOffset now, string? submittedBy = null)
    {
        if (SharedPlatformCode(registration.Category) is { } code && string.IsNullOrWhiteSpace(registration.ExemptionJustification))
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.Conflict, code, "category"));
        }

        if (!current.Exists)
        {
            return SystemDecision.Changed(
                new SystemData { Registration = registration, Status = SystemReviewStatus.Proposed, SubmittedBy = submittedBy, CreatedAt = now, UpdatedAt = now },
                "system.registered");
        }

        var same = SameContent(current.Registration!, registration);
        return current.Status switch
        {
            // A rejected system comes back to the queue even unchanged: resubmitting after a rejection is a decision, not a retry.
            SystemReviewStatus.Rejected => SystemDecision.Changed(
                current with
                {
                    Registration = registration, Status = SystemReviewStatus.Proposed, Envelope = null, ExemptionReason = null,
                    ReviewNote = null, ReviewedBy = null, ReviewedAt = null, SubmittedBy = submittedBy, UpdatedAt = now,
                },
                "system.resubmitted"),
            _ when same => SystemDecision.Unchanged,
            SystemReviewStatus.Approved => SystemDecision.Refused(new BrokerError(BrokerErrorKind.Conflict, "system.approved-frozen")),
            _ => SystemDecision.Changed(current with { Registration = registration, SubmittedBy = submittedBy, UpdatedAt = now }, "system.resubmitted"),
        };
    }

    /// <summary>
    /// The committee's decision on an already validated <paramref name="review"/>, recorded by <paramref name="reviewer"/>;
    /// refused when the reviewer is the one who submitted the system (separation of duties).
    /// </summary>
    public static SystemDecision Review(SystemData current, SystemReview review, string reviewer, DateTimeOffset now)
    {
        if (!current.Exists)
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.NotFound, "system.not-found"));
        }

        if (string.Equals(current.SubmittedBy, reviewer, StringComparison.Ordinal))
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.Denied, SelfReview, "reviewer"));
        }

        var needsExemption = NeedsExemption(current.Registration!.Category);
        var exemption = string.IsNullOrWhiteSpace(review.ExemptionReason) ? null : review.ExemptionReason;
        if (review.Approve && needsExemption && exemption is null)
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.Invalid, "system.exemption-required", "exemptionReason"));
        }

        if (exemption is not null && (!needsExemption || !review.Approve))
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.Invalid, "system.exemption-not-applicable", "exemptionReason"));
        }

        var note = string.IsNullOrWhiteSpace(review.Note) ? null : review.Note;
        var next = current with
        {
            Status = review.Approve ? SystemReviewStatus.Approved : SystemReviewStatus.Rejected,
            Envelope = review.Approve ? review.Envelope : null,
            ExemptionReason = exemption,
            ReviewNote = note,
            ReviewedBy = reviewer,
            ReviewedAt = now,
            UpdatedAt = now,
        };
        if (current.Status != SystemReviewStatus.Proposed)
        {
            // The same decision again (a retried request) answers the same; any other is too late.
            return next.Status == current.Status && next.Envelope == current.Envelope && next.ExemptionReason == current.ExemptionReason && next.ReviewNote == current.ReviewNote
                ? SystemDecision.Unchanged
                : SystemDecision.Refused(new BrokerError(BrokerErrorKind.Conflict, "system.already-reviewed", "status", WireText.Of(current.Status)));
        }

        return SystemDecision.Changed(next, review.Approve ? "system.approved" : "system.rejected");
    }

    /// <summary>May the system order <paramref name="total"/>, and would its allocations stay inside the envelope?</summary>
    public static OrderEligibility Eligibility(SystemData current, string department, string id, QuotaVector total)
    {
        if (!current.Exists)
        {
            return new OrderEligibility(new BrokerError(BrokerErrorKind.NotFound, "system.not-found"), false, null);
        }

        var view = current.ToView(department, id);
        if (current.Status != SystemReviewStatus.Approved)
        {
            return new OrderEligibility(new BrokerError(BrokerErrorKind.Conflict, "system.not-approved", null, WireText.Of(current.Status)), false, view);
        }

        return new OrderEligibility(null, WithinEnvelope(current.Envelope, current.Allocated, total), view);
    }

    /// <summary>
    /// True when <c>allocated + total &lt;= envelope</c> in every dimension; a dimension the envelope does not name is
    /// granted zero. Per-year and total envelopes both cap what is allocated at once.
    /// </summary>
    public static bool WithinEnvelope(SystemEnvelope? envelope, QuotaVector allocated, QuotaVector total) =>
        envelope is not null && allocated.Add(total).Amounts.All(pair => pair.Value <= envelope.Vector[pair.Key]);

    /// <summary>
    /// Counts an allocation; the same id with the same vector again changes nothing. The system's own fields, including
    /// <see cref="SystemData.UpdatedAt"/>, stay as they are: an allocation is stored as its own row, not as a change
    /// of the system.
    /// </summary>
    public static SystemDecision Allocate(SystemData current, string allocationId, QuotaVector vector)
    {
        if (!current.Exists)
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.NotFound, "system.not-found"));
        }

        if (string.IsNullOrWhiteSpace(allocationId) || allocationId.Length > MaxAllocationId)
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.Invalid, "system.allocation-id-invalid", "allocationId"));
        }

        if (current.Allocations.TryGetValue(allocationId, out var existing))
        {
            return existing == vector
                ? SystemDecision.Unchanged
                : SystemDecision.Refused(new BrokerError(BrokerErrorKind.Conflict, "system.allocation-id-reused", "allocationId"));
        }

        if (current.Status != SystemReviewStatus.Approved)
        {
            return SystemDecision.Refused(new BrokerError(BrokerErrorKind.Conflict, "system.not-approved", null, WireText.Of(current.Status)));
        }

        return SystemDecision.Changed(current with { Allocations = current.Allocations.With(allocationId, vector) }, "system.allocated");
    }

    /// <summary>Stops counting an allocation; an unknown id (never counted, or already stopped) changes nothing.</summary>
    public static SystemDecision Deallocate(SystemData current, string allocationId) =>
        current.Allocations.ContainsKey(allocationId)
            ? SystemDecision.Changed(current with { Allocations = current.Allocations.Without(allocationId) }, "system.deallocated")
            : SystemDecision.Unchanged;

    /// <summary>Same registration, comparing the catalog entries by content (records compare lists by reference).</summary>
    public static bool SameContent(SystemRegistration a, SystemRegistration b)
    {
        var (x, y) = (a.Declarations, b.Declarations);
        return a.Name == b.Name && a.Description == b.Description && a.OmTier == b.OmTier && a.BuildInvestmentCny == b.BuildInvestmentCny
            && a.Category == b.Category && a.ExemptionJustification == b.ExemptionJustification
            && x.OnSharedCloud == y.OnSharedCloud && x.NotOnCloudReason == y.NotOnCloudReason
            && x.NetworkZone == y.NetworkZone && x.SharingScope == y.SharingScope
            && (x.SharedCatalogEntries ?? []).SequenceEqual(y.SharedCatalogEntries ?? [], StringComparer.Ordinal);
    }
}
