namespace Broker.Silo.Metering;

/// <summary>The four adjustments of a system's O&amp;M composite rate, as level names configured in <see cref="OmFeeOptions"/>.</summary>
public sealed record OmProfile(string Importance, string ServiceHours, string DataScale, string TransactionScale)
{
    public static readonly OmProfile Normal = new("normal", "5x8", "small", "small");
}
