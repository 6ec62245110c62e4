using Broker.Contracts.Common;

namespace Broker.Silo.Sla;

/// <summary>
/// The form's rules and its score. An answer must score every configured question, and only those, with a whole number
/// on the scale; the score is the weighted mean of the answers mapped onto 0 to 100 (the scale's lowest is 0, its
/// highest 100), rounded half-up to 2 decimals.
/// </summary>
public static class SatisfactionScoring
{
    public static List<(string Field, string Code, object?[] Args)> Validate(IReadOnlyDictionary<string, int>? scores, string? comment, SatisfactionOptions options)
    {
        var errors = new List<(string, string, object?[])>();
        if (scores is null)
        {
            errors.Add(("scores", "field.required", []));
        }
        else
        {
            foreach (var question in options.Questions)
            {
                if (!scores.TryGetValue(question.Code, out var score))
                {
                    errors.Add(($"scores.{question.Code}", "field.required", []));
                }
                else if (score < options.ScaleMin || score > options.ScaleMax)
                {
                    errors.Add(($"scores.{question.Code}", "sla.score-out-of-range", [options.ScaleMin, options.ScaleMax]));
                }
            }

            // An unknown key is not echoed back (it is the caller's text); the known codes are.
            if (scores.Keys.Any(k => !options.Questions.Exists(q => q.Code == k)))
            {
                errors.Add(("scores", "sla.question-unknown", [string.Join(", ", options.Questions.Select(q => q.Code))]));
            }
        }

        if (TextRules.Check("comment", comment, FieldLimits.Text, TextShape.Paragraph) is { } bad)
        {
            errors.Add((bad.Field ?? "comment", bad.Code, [bad.Detail]));
        }

        return errors;
    }

    /// <summary>The answer's score on 0 to 100 over the questions configured now; null when it answers none of them.</summary>
    public static decimal? Score(IReadOnlyDictionary<string, int> scores, SatisfactionOptions options)
    {
        decimal weighted = 0, weights = 0;
        foreach (var question in options.Questions)
        {
            if (scores.TryGetValue(question.Code, out var score))
            {
                var clamped = Math.Clamp(score, options.ScaleMin, options.ScaleMax);
                weighted += question.Weight * (clamped - options.ScaleMin) / (options.ScaleMax - options.ScaleMin);
                weights += question.Weight;
            }
        }

        return weights == 0 ? null : decimal.Round(100m * weighted / weights, 2, MidpointRounding.AwayFromZero);
    }
}
