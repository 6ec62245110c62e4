using System.Text.Json.Serialization;

namespace Broker.Contracts.Catalog;

/// <summary>When the platform team answers for an SLA tier: working days in office hours, or always.</summary>
[GenerateSerializer, Alias("broker.ServiceHours")]
public enum ServiceHours
{
    /// <summary>Monday to Friday, office hours.</summary>
    [JsonStringEnumMemberName("5x8")]
    BusinessHours = 0,

    /// <summary>Every day, around the clock.</summary>
    [JsonStringEnumMemberName("7x24")]
    AroundTheClock = 1,
}
