using Broker.Api.Http.RateLimiting;
using Broker.Api.Identity;

namespace Broker.Api.Tests.Http;

public sealed class CallerPartitionTests
{
    private static readonly BrokerUser Member = new("zhang@housing-fund", null, new HashSet<string> { "dept-member" }, "housing-fund");
    private static readonly BrokerUser Operator = new("li@platform", null, new HashSet<string> { "platform-operator" }, null);

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public void Changing_methods_are_writes_of_the_tokens_department_and_subject(string method)
    {
        Assert.Equal(new CallerPartition(RequestClass.Write, "housing-fund", "zhang@housing-fund"), CallerPartition.Of(method, expensiveRead: false, Member));
    }

    [Fact]
    public void Reads_are_limited_only_when_marked_expensive()
    {
        Assert.Equal(RequestClass.Unlimited, CallerPartition.Of("GET", expensiveRead: false, Member).Class);
        Assert.Equal(RequestClass.ExpensiveRead, CallerPartition.Of("GET", expensiveRead: true, Member).Class);
    }

    [Fact]
    public void Staff_without_a_department_are_limited_by_subject_and_counted_as_none()
    {
        var partition = CallerPartition.Of("GET", expensiveRead: true, Operator);

        Assert.Null(partition.Department);
        Assert.Equal("li@platform", partition.Subject);
        Assert.Equal("none", partition.DepartmentLabel);
        Assert.Equal("read", partition.ClassLabel);
    }

    [Fact]
    public void An_unsigned_request_is_not_partitioned()
    {
        Assert.Equal(RequestClass.Unlimited, CallerPartition.Of("POST", expensiveRead: false, user: null).Class);
    }
}
