namespace Broker.Contracts.Catalog;

/// <summary>Where a plan code is in its life. The status belongs to the code, so it applies to every version.</summary>
[GenerateSerializer, Alias("broker.PlanStatus")]
public enum PlanStatus
{
    /// <summary>Can be ordered.</summary>
    Active = 0,

    /// <summary>No new orders; resources already on the plan carry on, and the plan may still get new versions.</summary>
    Deprecated = 1,

    /// <summary>Nothing new: no orders and no versions. Still listed, as retired, because old resources refer to it.</summary>
    Retired = 2,
}
