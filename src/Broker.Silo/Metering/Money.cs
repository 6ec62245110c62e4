namespace Broker.Silo.Metering;

/// <summary>CNY amounts: rounded half-up (away from zero) to the fen, once per statement line.</summary>
public static class Money
{
    public const string Currency = "CNY";

    public static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
