namespace Broker.Api.Metering;

/// <summary>zh-CN and en texts for metering and chargeback error codes, merged into <see cref="Localization.Messages"/>.</summary>
public static class MeteringMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["period.invalid"] = ("账期须为 yyyy-MM 格式的月份。", "The period must be a month as yyyy-MM."),
        ["rate-card.range-invalid"] = ("失效日期须晚于生效日期。", "effectiveTo must be after effectiveFrom."),
        ["rate-card.price-negative"] = ("价格不能为负数。", "Prices cannot be negative."),
        ["rate-card.meter-invalid"] = ("计量项须有名称和单位。", "Every meter needs a name and a unit."),
        ["rate-card.multiplier-invalid"] = ("服务级别系数须大于零、不超过 {0}，最多 {1} 位小数。", "An SLA multiplier must be greater than zero, at most {0}, with at most {1} decimal places."),
        ["rate-card.price-out-of-range"] = ("价格不能超过 {0} 元，最多 {1} 位小数。", "A price is at most {0} CNY, with at most {1} decimal places."),
        ["rate-card.date-out-of-range"] = ("日期须在 {0} 至 {1} 之间。", "The date must be from {0} to {1}."),
        ["rate-card.dimension-unknown"] = ("停机计费维度只能是 {0}。", "Dimensions charged when stopped are among {0}."),
        ["rate-card.backdating-reason-required"] = ("生效日期为今天或更早（追溯，会重新计价已发生的用量），须说明理由。", "An effective date of today or earlier re-prices usage already recorded (back-dating) and needs a reason."),
        ["rate-card.period-closed"] = ("{0} 及以前的账期已关账，价目表不能从该期间生效。", "Months up to {0} are closed; a rate card cannot take effect in them."),
        ["import.format-invalid"] = ("文件格式须为 csv 或 json。", "The file format must be csv or json."),
        ["import.rejected"] = ("文件有 {0} 处错误，整个文件未导入。", "The file has {0} errors; nothing of it was imported."),
        ["import.not-found"] = ("导入记录不存在。", "The import does not exist."),
        ["import.field-required"] = ("必须填写此字段。", "This field is required."),
        ["import.field-too-long"] = ("此字段过长（最多 {0} 个字符）。", "This field is too long (at most {0} characters)."),
        ["import.field-invalid-character"] = ("此字段含有不允许的字符 {0}。", "This field holds {0}, a character it does not accept."),
        ["import.quantity-invalid"] = ("数量“{0}”须为非负数，最多 6 位小数，小于 100 万亿。", "The quantity '{0}' must be a non-negative number with at most 6 decimal places, below 100 trillion."),
        ["import.period-invalid"] = ("账期“{0}”须为 yyyy-MM 格式的月份。", "The period '{0}' must be a month as yyyy-MM."),
        ["import.source-id-repeated"] = ("来源编号“{0}”在文件中重复。", "The source id '{0}' appears more than once in the file."),
        ["import.empty"] = ("文件中没有记录。", "The file holds no records."),
        ["import.column-missing"] = ("缺少此列。", "This column is missing."),
        ["import.json-not-array"] = ("JSON 文件须为对象数组。", "A JSON file must be an array of objects."),
        ["import.json-not-object"] = ("此记录不是 JSON 对象。", "This record is not a JSON object."),
        ["import.json-malformed"] = ("JSON 格式有误。", "The JSON is malformed."),
        ["import.department-unknown"] = ("部门“{0}”不存在。", "The department '{0}' does not exist."),
        ["import.system-unknown"] = ("系统“{0}”不存在。", "The system '{0}' does not exist."),
        ["import.meter-unpriced"] = ("计量项“{0}”在当月价目表中没有价格。", "The meter '{0}' has no price on that month's rate card."),
        ["import.unit-mismatch"] = ("单位与价目表不符（应为 {0}）。", "The unit differs from the rate card's ({0})."),
        ["statement.period-not-ended"] = ("该月尚未结束，不能关账。", "The month has not ended yet and cannot be closed."),
        ["statement.already-closed"] = ("该月已关账。", "The month is already closed."),
        ["statement.unexplained-findings"] = ("有 {0} 项核对问题尚未说明，不能关账。", "{0} integrity findings are unexplained; the month cannot be closed."),
        ["finding.kind-invalid"] = ("核对问题类型无效。", "Unknown finding kind."),
        ["finding.not-found"] = ("该月没有此项核对问题，无需说明。", "The month has no such integrity finding to explain."),
        ["ledger.resource-not-found"] = ("账本中没有此资源。", "The ledger has no such resource."),
        ["quote.plan-not-found"] = ("套餐不存在。", "The plan does not exist."),
        ["quote.quantity-invalid"] = ("数量须为 1 到 {0}。", "The quantity must be 1 to {0}."),
        ["om-profile.level-invalid"] = ("等级须为以下之一：{0}。", "The level must be one of: {0}."),
    };
}
