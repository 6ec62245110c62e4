namespace Broker.Contracts.Systems;

/// <summary>The network a system runs on (seed 004: every project must declare it).</summary>
[GenerateSerializer, Alias("broker.NetworkZone")]
public enum NetworkZone
{
    Extranet = 0,
    Internet = 1,
    DedicatedLine = 2,
}

/// <summary>How far a system shares its data (seed 002's five classes).</summary>
[GenerateSerializer, Alias("broker.DataSharingScope")]
public enum DataSharingScope
{
    CrossDepartment = 0,
    Department = 1,
    Office = 2,
    None = 3,
    Standalone = 4,
}

/// <summary>
/// What kind of system it is. The last three may not be built separately (seed 004): they must use the shared
/// government service platform, the shared office system and the shared website platform respectively.
/// </summary>
[GenerateSerializer, Alias("broker.SystemCategory")]
public enum SystemCategory
{
    BusinessApplication = 0,
    DataService = 1,
    Other = 2,
    PublicService = 10,
    InternalCollaboration = 11,
    InformationPublishing = 12,
}

[GenerateSerializer, Alias("broker.SystemReviewStatus")]
public enum SystemReviewStatus
{
    Proposed = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>Whether the committee's envelope is a yearly or a whole-life grant; both cap what is allocated at once.</summary>
[GenerateSerializer, Alias("broker.EnvelopePeriod")]
public enum EnvelopePeriod
{
    PerYear = 0,
    Total = 1,
}
