namespace Broker.Contracts.Orders;

/// <summary>
/// One level of an order's approval: which role decides, whether any or all of the named approvers must agree, and who
/// did. <see cref="SeparateFromOrderer"/>: the orderer may not approve this level (fixed when the order is placed; orders
/// stored before the rule existed read as true).
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ApprovalLevelView")]
public sealed record ApprovalLevelView(
    [property: Id(0)] int Level,
    [property: Id(1)] string Role,
    [property: Id(2)] string Mode,
    [property: Id(3)] IReadOnlyList<string> Approvers,
    [property: Id(4)] IReadOnlyList<string> ApprovedBy,
    [property: Id(5)] bool Done,
    [property: Id(6)] bool SeparateFromOrderer = true);
