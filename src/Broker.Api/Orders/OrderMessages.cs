namespace Broker.Api.Orders;

/// <summary>Texts for order and resource answers, in zh-CN and en.</summary>
public static class OrderMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["field.invalid"] = ("取值无效。", "The value is not valid."),
        ["order.not-found"] = ("申请单不存在。", "The order does not exist."),
        ["order.id-reused"] = ("该 Idempotency-Key 已用于内容不同的申请单。", "This Idempotency-Key was already used for a different order."),
        ["order.quantity-out-of-range"] = ("数量须在 1 到 {0} 之间。", "Quantity must be between 1 and {0}."),
        ["order.database-name-invalid"] = ("数据库名须为小写字母、数字和下划线，以字母或下划线开头，最多 63 个字符。", "A database name is lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters."),
        ["order.plan-unknown"] = ("目录中没有该规格。", "The catalog has no such plan."),
        ["order.plan-not-orderable"] = ("该规格状态为 {0}，不能再申请。", "The plan is {0} and cannot be ordered."),
        ["order.sla-tier-not-offered"] = ("该规格只提供以下服务级别：{0}。", "This plan is offered only with these SLA tiers: {0}."),
        ["order.image-not-offered"] = ("该规格只提供以下镜像：{0}。", "This plan offers only these images: {0}."),
        ["order.not-pending"] = ("申请单当前状态为 {0}，不在待审批中。", "The order is {0}, not pending approval."),
        ["order.not-your-level"] = ("当前审批环节不由您的角色处理。", "The approval level now waiting is not your role's."),
        ["order.self-approval"] = ("不能审批自己提交的申请单：本环节须由申请人以外的人审批。", "You cannot approve an order you placed: someone other than the orderer must approve this level."),
        ["lease.in-the-past"] = ("租期结束时间须晚于现在。", "The lease end must be in the future."),
        ["lease.out-of-range"] = ("租期结束时间须不晚于 {0}（UTC）；不需要租期时请不填写。", "The lease end must be no later than {0} (UTC); leave it out for no lease."),
        ["resource.not-found"] = ("资源不存在。", "The resource does not exist."),
        ["resource.exists"] = ("该资源已存在，且内容不同。", "The resource already exists with different content."),
        ["resource.no-credentials"] = ("该资源的后端（{0}）不签发数据库凭据。", "This resource's backend ({0}) issues no database credentials."),
        ["resource.credentials-reset-needs-admin"] = ("凭据已发放过一次；重置须由部门管理员操作。", "The credentials were shown once; a reset needs the department's admin."),
        ["resource.backend-not-configured"] = ("该资源所在的后端（{0}）已不在本系统的配置中；恢复该后端的配置后才能重试或删除。", "This resource's backend ({0}) is no longer configured; restore its configuration to retry or delete the resource."),
        ["resource.illegal-transition"] = ("资源当前状态为 {0}，不能执行此操作。", "The resource is {0}; this operation is not allowed now."),
    };
}
