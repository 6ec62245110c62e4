using Broker.Contracts.Systems;
using System.Globalization;
using System.Text.RegularExpressions;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Silo.Catalog;
using Broker.Silo.Systems;

namespace Broker.Silo.Orders;

/// <summary>
/// The shape of an order and of a rejection, as pure functions shared by the API (every bad field at once) and
/// <see cref="OrderGrain"/> (which trusts no caller). Whether the plan, tier, image and system exist is the grain's
/// question; this only makes sure each value could be one, so nothing unbounded reaches a query, a row or the audit.
/// </summary>
public static partial class OrderValidation
{
    public const int MaxQuantity = 50;

    public static IReadOnlyList<BrokerError> Request(OrderRequest r)
    {
        var errors = new List<BrokerError>();
        if (string.IsNullOrWhiteSpace(r.SystemId))
        {
            errors.Add(Invalid("systemId", TextRules.RequiredCode));
        }
        else if (!SystemKey.IsId(r.SystemId))
        {
            errors.Add(Invalid("systemId", "system.id-invalid"));
        }

        if (string.IsNullOrWhiteSpace(r.PlanCode))
        {
            errors.Add(Invalid("planCode", TextRules.RequiredCode));
        }
        else if (!CatalogValidation.IsPlanCode(r.PlanCode))
        {
            errors.Add(Invalid("planCode", "order.plan-unknown"));
        }

        TextRules.Check(errors, "slaTier", r.SlaTier, FieldLimits.Code, TextShape.Line, required: true);
        TextRules.Check(errors, "image", r.Image, FieldLimits.Code, TextShape.Line);
        if (r.Quantity is < 1 or > MaxQuantity)
        {
            errors.Add(Invalid("quantity", "order.quantity-out-of-range", MaxQuantity.ToString(CultureInfo.InvariantCulture)));
        }

        if (r.DatabaseName is { } name && !DatabaseName().IsMatch(name))
        {
            errors.Add(Invalid("databaseName", "order.database-name-invalid"));
        }

        TextRules.Check(errors, "note", r.Note, FieldLimits.Text, TextShape.Paragraph);
        return errors;
    }

    /// <summary>A rejection's reason: optional, free text.</summary>
    public static BrokerError? Reason(string? reason) => TextRules.Check("reason", reason, FieldLimits.Text, TextShape.Paragraph);

    private static BrokerError Invalid(string field, string code, string? detail = null) => new(BrokerErrorKind.Invalid, code, field, detail);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z")]
    private static partial Regex DatabaseName();
}
