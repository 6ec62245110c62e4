using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class SelectorTests : StandInTest
{
    [Theory]
    [InlineData("tier=gold", "a,b")]
    [InlineData("tier==gold", "a,b")]
    [InlineData("tier!=gold", "c,d")]
    [InlineData("tier in (gold,silver)", "a,b,c")]
    [InlineData("tier notin (gold)", "c,d")]
    [InlineData("tier", "a,b,c")]
    [InlineData("!tier", "d")]
    [InlineData("tier=gold,app=db", "b")]
    [InlineData("tier in (gold, silver),!app", "a,c")]
    [InlineData("", "a,b,c,d")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        var ns = await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: selector);

        Assert.Equal(expected.Split(','), list.Items.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task A_malformed_label_selector_is_a_bad_request()
    {
        var ns = await SeedAsync();

        await KubeAssert.FailsAsync(400, "BadRequest", () => Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "a b c"));
    }

    [Fact]
    public async Task Field_selectors_select_by_name_and_namespace()
    {
        var ns = await SeedAsync();

        var byName = await Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=c");
        var notByName = await Client.CoreV1.ListSecretForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns},metadata.name!=c");

        Assert.Equal(["c"], byName.Items.Select(s => s.Metadata.Name));
        Assert.Equal(["a", "b", "d"], notByName.Items.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task Unsupported_field_selectors_are_refused()
    {
        var ns = await SeedAsync();

        await KubeAssert.FailsAsync(400, "BadRequest", () => Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "spec.x=1"));
    }

    [Fact]
    public async Task Lists_page_with_limit_and_continue()
    {
        var ns = await SeedAsync();

        var first = await Client.CoreV1.ListNamespacedSecretAsync(ns, limit: 3);
        var second = await Client.CoreV1.ListNamespacedSecretAsync(ns, limit: 3, continueParameter: first.Metadata.ContinueProperty);

        Assert.Equal(["a", "b", "c"], first.Items.Select(s => s.Metadata.Name));
        Assert.Equal(1, first.Metadata.RemainingItemCount);
        Assert.Equal(["d"], second.Items.Select(s => s.Metadata.Name));
        Assert.Null(second.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task Listing_across_namespaces_sees_every_namespace_and_a_namespaced_list_only_its_own()
    {
        var ns = await SeedAsync();
        await NamespaceAsync("tenant-b");
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "e" } }, "tenant-b");

        var all = await Client.CoreV1.ListSecretForAllNamespacesAsync();
        var one = await Client.CoreV1.ListNamespacedSecretAsync("tenant-b");

        Assert.Equal(5, all.Items.Count);
        Assert.Equal(["e"], one.Items.Select(s => s.Metadata.Name));
        Assert.Equal(ns, all.Items[0].Metadata.NamespaceProperty);
    }

    private async Task<string> SeedAsync()
    {
        var ns = await NamespaceAsync();
        await Create(ns, "a", ("tier", "gold"));
        await Create(ns, "b", ("tier", "gold"), ("app", "db"));
        await Create(ns, "c", ("tier", "silver"));
        await Create(ns, "d");
        return ns;
    }

    private Task<V1Secret> Create(string ns, string name, params (string Key, string Value)[] labels) =>
        Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
        }, ns);
}
