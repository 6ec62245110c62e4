using System.Globalization;
using Broker.Api.Finance;
using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Api.Identity;
using Broker.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Sla;

/// <summary>
/// A department's SLA: <c>/api/departments/{code}/sla</c>. Mapped on the department group, so
/// <see cref="DepartmentAccessFilter"/> answers another department's users with 404 and lets platform staff read; the
/// satisfaction form is answered by the department's dept-admin alone.
/// </summary>
public static class DepartmentSlaAssessmentApi
{
    public static RouteGroupBuilder MapDepartmentSlaAssessmentApi(this RouteGroupBuilder department)
    {
        var group = department.MapGroup("/sla").WithTags("Department: SLA");
        group.MapGet("/satisfaction/{period}", GetForm).WithName("GetSatisfactionForm")
            .WithSummary("The month's satisfaction form: questions, scale, when it takes answers, and the department's answer if any");
        group.MapPut("/satisfaction/{period}", Answer).WithName("AnswerSatisfactionForm")
            .WithSummary("Answer the month's form (dept-admin; until the deadline; a second answer replaces the first): 201 first, 200 replaced");
        // Both compute over months of measurements and statements: rate limited per caller like writes.
        group.MapGet("/assessments/{period}", Assess).WithName("GetDepartmentAssessment").AsExpensiveRead()
            .WithSummary("The department's assessment for a month (yyyy-MM), quarter (yyyy-Qn) or year (yyyy)");
        group.MapGet("/reports/{period}", Report).WithName("GetSlaReport").AsExpensiveRead()
            .WithSummary("The department's monthly SLA report as JSON, CSV (?format=csv) or XLSX (?format=xlsx), in the caller's language (zh-CN or en)");
        return department;
    }

    public static async Task<Results<Ok<SatisfactionForm>, ProblemHttpResult>> GetForm(
        string code, string period, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, default);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await services.Context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var answers = await services.Satisfaction.ListAsync([month.ToString()], code, cancellationToken);
        var options = services.Form.Value;
        var zh = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
        return TypedResults.Ok(new SatisfactionForm(
            code, month.ToString(), SatisfactionWindow.Opens(month), SatisfactionWindow.Closes(month, options.DeadlineDay),
            SatisfactionWindow.Refusal(month, options.DeadlineDay, services.Now) is null, options.ScaleMin, options.ScaleMax,
            options.Questions.Select(q => new SatisfactionQuestionView(q.Code, zh ? q.Zh : q.En, q.Zh, q.En, q.Weight)).ToList(),
            answers.Count > 0 ? SatisfactionAnswerView.From(answers[0], options) : null));
    }

    public static async Task<Results<Created<SatisfactionAnswerView>, Ok<SatisfactionAnswerView>, ProblemHttpResult>> Answer(
        string code, string period, SatisfactionRequest? request, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        // The filter lets dept-members write to their department; this form speaks for the department, so only its admin.
        if (!services.Context.User.Has(Roles.DeptAdmin))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "sla.satisfaction-admin-only", Localization.Messages.Get("sla.satisfaction-admin-only"));
        }

        var options = services.Form.Value;
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, default);
        if (request is null)
        {
            errors.Add(("body", "field.required", []));
        }
        else
        {
            errors.AddRange(SatisfactionScoring.Validate(request.Scores, request.Comment, options));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = services.Now;
        if (SatisfactionWindow.Refusal(month, options.DeadlineDay, now) is { } refusal)
        {
            var closes = SatisfactionWindow.Closes(month, options.DeadlineDay).ToOffset(Silo.Metering.BillingMonth.Offset);
            return Problems.Conflict(refusal, "period", closes.ToString("yyyy-MM-dd HH:mm 'UTC+8'", CultureInfo.InvariantCulture));
        }

        if (!await services.Context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var answer = new SatisfactionAnswer(code, month.ToString(), request!.Scores!, request.Comment, services.Context.Actor.Subject, now);
        var replaced = await services.Satisfaction.SubmitAsync(answer, services.Context.CorrelationId, cancellationToken);
        var view = SatisfactionAnswerView.From(answer, options);
        return replaced is null
            ? TypedResults.Created($"/api/departments/{code}/sla/satisfaction/{month}", view)
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<Assessment>, ProblemHttpResult>> Assess(
        string code, string period, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var assessed = SlaRequests.Period(errors, period);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return await services.Context.DepartmentExistsAsync(code)
            ? TypedResults.Ok(await services.Assessments.AssessAsync(assessed, services.CurrentMonth, code, cancellationToken))
            : Problems.NotFound("department.not-found", "code");
    }

    public static async Task<Results<Ok<SlaReport>, FileContentHttpResult, ProblemHttpResult>> Report(
        string code, string period, string? format, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, default);
        var kind = SlaRequests.Format(errors, format);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await services.Context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var report = await services.Reports.BuildAsync(code, month, cancellationToken);
        var headings = SlaReportHeadings.For(CultureInfo.CurrentUICulture);
        var name = $"sla-{code}-{month}";
        return kind switch
        {
            SlaRequests.ReportFormat.Csv => TypedResults.File(SlaReportCsv.Write(report, headings), FinanceExports.CsvType, $"{name}.csv"),
            SlaRequests.ReportFormat.Xlsx => TypedResults.File(SlaReportWorkbook.Write(report, headings), FinanceExports.XlsxType, $"{name}.xlsx"),
            _ => TypedResults.Ok(report),
        };
    }
}
