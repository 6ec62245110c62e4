using Broker.Api.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Broker.Api.Tests.Http;

public sealed class RequestBoundsTests
{
    [Theory]
    [InlineData("housing-fund", true)]
    [InlineData("res-0f3c_9.a:b~!", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a\nb", false)]
    [InlineData("a\0b", false)]
    [InlineData("a\u007fb", false)]
    [InlineData("中文", false)]
    [InlineData("a\u200bb", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("...", true)]
    public void A_route_value_is_safe_only_as_visible_ASCII_and_not_a_dot_segment(string value, bool safe)
    {
        Assert.Equal(safe, RequestBounds.IsSafeRouteValue(value, 200));
    }

    [Fact]
    public void A_route_value_is_safe_up_to_the_limit_and_not_past_it()
    {
        Assert.True(RequestBounds.IsSafeRouteValue(new string('a', 200), 200));
        Assert.False(RequestBounds.IsSafeRouteValue(new string('a', 201), 200));
    }

    [Fact]
    public void The_first_unsafe_parameter_is_named_and_catch_alls_are_left_to_their_handler()
    {
        var pattern = RoutePatternFactory.Parse("/api/finance/om-profiles/{department}/{system}");
        var files = RoutePatternFactory.Parse("/console/{**path}");

        Assert.Equal("system", RequestBounds.UnsafeRouteValue(pattern, new RouteValueDictionary { ["department"] = "ok", ["system"] = "a b" }, 200));
        Assert.Null(RequestBounds.UnsafeRouteValue(pattern, new RouteValueDictionary { ["department"] = "ok", ["system"] = "web" }, 200));
        Assert.Null(RequestBounds.UnsafeRouteValue(files, new RouteValueDictionary { ["path"] = "css/console css" }, 200));
    }

    [Fact]
    public void The_defaults_are_valid_and_every_bad_limit_is_reported_at_once()
    {
        var validator = new RequestLimitsOptionsValidator();

        Assert.True(validator.Validate(null, new RequestLimitsOptions()).Succeeded);
        var failed = validator.Validate(null, new RequestLimitsOptions { MaxBodyBytes = 10, MaxUploadBytes = 5, MaxUrlLength = 100, MaxRouteValueLength = 10 });
        Assert.Equal(4, failed.Failures!.Count());
    }
}
