using Broker.Contracts.Catalog;

namespace Broker.Silo.Catalog;

/// <summary>
/// The catalog's enums as the text stored in PostgreSQL and accepted in query strings and bodies; the same spelling
/// <see cref="Storage.BrokerJson"/> writes, so clients see one name for each value everywhere.
/// </summary>
public static class CatalogText
{
    public static string Kind(OfferingKind kind) => kind switch
    {
        OfferingKind.Vm => "vm",
        OfferingKind.Database => "database",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Status(PlanStatus status) => status switch
    {
        PlanStatus.Active => "active",
        PlanStatus.Deprecated => "deprecated",
        PlanStatus.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Hours(ServiceHours hours) => hours switch
    {
        ServiceHours.BusinessHours => "5x8",
        ServiceHours.AroundTheClock => "7x24",
        _ => throw new ArgumentOutOfRangeException(nameof(hours), hours, null),
    };

    public static bool TryKind(string? text, out OfferingKind kind)
    {
        (var ok, kind) = text switch
        {
            "vm" => (true, OfferingKind.Vm),
            "database" => (true, OfferingKind.Database),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryStatus(string? text, out PlanStatus status)
    {
        (var ok, status) = text switch
        {
            "active" => (true, PlanStatus.Active),
            "deprecated" => (true, PlanStatus.Deprecated),
            "retired" => (true, PlanStatus.Retired),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryHours(string? text, out ServiceHours hours)
    {
        (var ok, hours) = text switch
        {
            "5x8" => (true, ServiceHours.BusinessHours),
            "7x24" => (true, ServiceHours.AroundTheClock),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Reads back text this class wrote; anything else means the table was edited by hand.</summary>
    public static OfferingKind ParseKind(string text) =>
        TryKind(text, out var kind) ? kind : throw new FormatException($"Unknown offering kind '{text}' in the catalog.");

    public static PlanStatus ParseStatus(string text) =>
        TryStatus(text, out var status) ? status : throw new FormatException($"Unknown plan status '{text}' in the catalog.");

    public static ServiceHours ParseHours(string text) =>
        TryHours(text, out var hours) ? hours : throw new FormatException($"Unknown service hours '{text}' in the catalog.");
}
