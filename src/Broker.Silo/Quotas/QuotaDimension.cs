namespace Broker.Silo.Quotas;

/// <summary>A dimension departments can be given quota in; configured, so adding one needs no code.</summary>
public sealed class QuotaDimension
{
    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";
}
