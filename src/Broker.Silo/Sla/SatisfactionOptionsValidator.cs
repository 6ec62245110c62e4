using Broker.Contracts.Common;
using Broker.Silo.Catalog;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>Reports every bad setting of the satisfaction form at start, not the first one.</summary>
public sealed class SatisfactionOptionsValidator : IValidateOptions<SatisfactionOptions>
{
    public const int MaxQuestions = 20;

    public ValidateOptionsResult Validate(string? name, SatisfactionOptions options)
    {
        var failures = new List<string>();
        const string section = SatisfactionOptions.SectionName;
        if (options.Questions.Count is 0 or > MaxQuestions)
        {
            failures.Add($"{section}:Questions must list 1 to {MaxQuestions} questions.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Questions.Count; i++)
        {
            var q = options.Questions[i];
            if (!CatalogValidation.IsPlanCode(q.Code) || !codes.Add(q.Code))
            {
                failures.Add($"{section}:Questions:{i}:Code must be a distinct code (lower-case letters, digits and hyphens).");
            }

            if (TextRules.Check("zh", q.Zh, FieldLimits.Name, required: true) is not null || TextRules.Check("en", q.En, FieldLimits.Name, required: true) is not null)
            {
                failures.Add($"{section}:Questions:{i} needs Zh and En texts of at most {FieldLimits.Name} characters.");
            }

            if (q.Weight is <= 0 or > 100)
            {
                failures.Add($"{section}:Questions:{i}:Weight must be greater than 0 and at most 100.");
            }
        }

        if (options.ScaleMin < 0 || options.ScaleMax > 100 || options.ScaleMin >= options.ScaleMax)
        {
            failures.Add($"{section}:ScaleMin and ScaleMax must satisfy 0 <= ScaleMin < ScaleMax <= 100.");
        }

        if (options.DeadlineDay is < 1 or > 28)
        {
            failures.Add($"{section}:DeadlineDay must be a day of the following month from 1 to 28.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
