using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// The SLA endpoints × the principals of <see cref="AuthorizationMatrix"/>: a department's form, assessment and report
/// are read by its own users and platform staff (another department's users get 404); the form is answered by its
/// dept-admin alone; every department's assessments and answers are for platform staff (the platform team, finance,
/// auditors); the list of credits is finance's.
/// </summary>
[Collection(SlaAssessmentCollection.Name)]
public sealed class SlaAssessmentAuthorizationMatrixTests(SlaAssessmentApiFactory broker)
{
    private sealed record Case(string Name, bool DepartmentScoped, string[] Allowed, HttpStatusCode Success, Func<string, (HttpMethod Method, string Url, object? Body)> Prepare);

    private static readonly object Answer = new { scores = new { availability = 4, response = 4, delivery = 5, communication = 3 } };

    private static readonly Case[] Cases =
    [
        new("department.form", true, OwnReaders, HttpStatusCode.OK, own => (HttpMethod.Get, $"/api/departments/{own}/sla/satisfaction/2026-10", null)),
        new("department.answer", true, ["dept-admin/own"], HttpStatusCode.Created, own => (HttpMethod.Put, $"/api/departments/{own}/sla/satisfaction/2026-10", Answer)),
        new("department.assessment", true, OwnReaders, HttpStatusCode.OK, own => (HttpMethod.Get, $"/api/departments/{own}/sla/assessments/2026-Q4", null)),
        new("department.report", true, OwnReaders, HttpStatusCode.OK, own => (HttpMethod.Get, $"/api/departments/{own}/sla/reports/2026-10", null)),
        new("department.report.csv", true, OwnReaders, HttpStatusCode.OK, own => (HttpMethod.Get, $"/api/departments/{own}/sla/reports/2026-10?format=csv", null)),
        new("platform.assessments", false, Staff, HttpStatusCode.OK, _ => (HttpMethod.Get, "/api/platform/sla/assessments/2026-10", null)),
        new("platform.answers", false, Staff, HttpStatusCode.OK, _ => (HttpMethod.Get, "/api/platform/sla/satisfaction/2026-10", null)),
        new("finance.credits", false, ["finance"], HttpStatusCode.OK, _ => (HttpMethod.Get, "/api/finance/sla/credits/2026-10", null)),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows() =>
        await CheckAsync(broker, from c in Cases from p in Principals select (Func<Task<Row>>)(async () =>
        {
            var own = await broker.DepartmentAsync("sla-authz");
            return For(p, own, c.Name, c.Prepare(own), c.Allowed, c.Success, c.DepartmentScoped);
        }));
}
