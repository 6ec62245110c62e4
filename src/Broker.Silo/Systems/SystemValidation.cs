using System.Globalization;
using Broker.Contracts.Common;
using Broker.Contracts.Systems;

namespace Broker.Silo.Systems;

/// <summary>
/// Field checks for registrations and reviews, shared by the API (to name every bad field at once) and the grain (which
/// trusts no caller). Each error names its JSON field. Envelope vectors are checked by <see cref="Quotas.QuotaValidation"/>.
/// </summary>
public static class SystemValidation
{
    public const int MaxName = FieldLimits.Name;
    public const int MaxText = FieldLimits.Text;
    public const int MaxCatalogEntries = FieldLimits.Entries;
    public const int MaxCatalogEntry = FieldLimits.Name;

    /// <summary>A ceiling far above any municipal project (the seeds' largest figure is about 1 billion CNY in total).</summary>
    public const decimal MaxInvestmentCny = 1_000_000_000_000m;

    public static IReadOnlyList<BrokerError> Registration(SystemRegistration registration)
    {
        var errors = new List<BrokerError>();
        Text(errors, "name", registration.Name, required: true, MaxName, TextShape.Line);
        Text(errors, "description", registration.Description, required: false, MaxText);
        if (registration.OmTier is < 1 or > 3)
        {
            errors.Add(Invalid("system.tier-invalid", "omTier"));
        }

        var investment = registration.BuildInvestmentCny;
        if (investment <= 0 || investment > MaxInvestmentCny || decimal.Round(investment, 2) != investment)
        {
            errors.Add(Invalid("system.investment-invalid", "buildInvestmentCny"));
        }

        if (!Enum.IsDefined(registration.Category))
        {
            errors.Add(Invalid("system.category-invalid", "category"));
        }

        if (registration.Declarations is null)
        {
            errors.Add(Invalid("field.required", "declarations"));
        }
        else
        {
            Declarations(errors, registration.Declarations);
        }

        Text(errors, "exemptionJustification", registration.ExemptionJustification, required: false, MaxText);
        return errors;
    }

    /// <summary>The shape of a review: approving needs an envelope, rejecting needs a note.</summary>
    public static IReadOnlyList<BrokerError> Review(SystemReview review)
    {
        var errors = new List<BrokerError>();
        if (review.Approve && review.Envelope is null)
        {
            errors.Add(Invalid("field.required", "envelope"));
        }
        else if (review.Approve && !Enum.IsDefined(review.Envelope!.Period))
        {
            errors.Add(Invalid("system.envelope-period-invalid", "envelope.period"));
        }

        Text(errors, "note", review.Note, required: !review.Approve, MaxText);
        Text(errors, "exemptionReason", review.ExemptionReason, required: false, MaxText);
        return errors;
    }

    private static void Declarations(List<BrokerError> errors, SystemDeclarations declarations)
    {
        if (!declarations.OnSharedCloud && string.IsNullOrWhiteSpace(declarations.NotOnCloudReason))
        {
            errors.Add(Invalid("system.not-on-cloud-reason-required", "declarations.notOnCloudReason"));
        }
        else
        {
            Text(errors, "declarations.notOnCloudReason", declarations.NotOnCloudReason, required: false, MaxText);
        }

        if (!Enum.IsDefined(declarations.NetworkZone))
        {
            errors.Add(Invalid("system.network-zone-invalid", "declarations.networkZone"));
        }

        if (!Enum.IsDefined(declarations.SharingScope))
        {
            errors.Add(Invalid("system.sharing-scope-invalid", "declarations.sharingScope"));
        }

        var entries = declarations.SharedCatalogEntries ?? [];
        if (entries.Count > MaxCatalogEntries)
        {
            errors.Add(Invalid("system.catalog-entries-too-many", "declarations.sharedCatalogEntries", MaxCatalogEntries));
        }
        else if (entries.Count == 0 && declarations.SharingScope is DataSharingScope.CrossDepartment or DataSharingScope.Department)
        {
            // Sharing with others means publishing what is shared in the government information resource catalog (seed 002).
            errors.Add(Invalid("system.catalog-entries-required", "declarations.sharedCatalogEntries"));
        }

        for (var i = 0; i < Math.Min(entries.Count, MaxCatalogEntries); i++)
        {
            Text(errors, $"declarations.sharedCatalogEntries[{i}]", entries[i], required: true, MaxCatalogEntry, TextShape.Line);
        }
    }

    private static void Text(List<BrokerError> errors, string field, string? value, bool required, int max, TextShape shape = TextShape.Paragraph) =>
        TextRules.Check(errors, field, value, max, shape, required);

    private static BrokerError Invalid(string code, string field, int? detail = null) =>
        new(BrokerErrorKind.Invalid, code, field, detail?.ToString(CultureInfo.InvariantCulture));
}
