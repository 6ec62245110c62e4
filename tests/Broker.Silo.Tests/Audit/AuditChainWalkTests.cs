using Broker.Silo.Audit;

namespace Broker.Silo.Tests.Audit;

public sealed class AuditChainWalkTests
{
    private static readonly string G = AuditChainWalk.Genesis;

    private static AuditVerification Walk(IEnumerable<AuditChainLink> links, params AuditChainHead[] heads)
    {
        var walk = new AuditChainWalk();
        foreach (var link in links)
        {
            walk.Add(link);
        }

        return walk.Finish(heads.ToDictionary(h => h.Chain));
    }

    private static AuditChainLink Link(long id, string chain, long seq, string prev, string hash, string? recomputed = null) =>
        new(id, chain, seq, prev, hash, recomputed ?? hash);

    [Fact]
    public void Chains_whose_links_hashes_and_heads_agree_verify_with_every_row_counted()
    {
        var result = Walk([Link(1, "a", 1, G, "h1"), Link(3, "a", 2, "h1", "h3"), Link(2, "b", 1, G, "h2")],
            new AuditChainHead("a", 2, "h3"), new AuditChainHead("b", 1, "h2"));

        Assert.True(result.Intact);
        Assert.Equal((3L, 2), (result.Rows, result.Chains));
        Assert.Null(result.FirstBreak);
        Assert.Equal([new AuditChainHead("a", 2, "h3"), new AuditChainHead("b", 1, "h2")], result.Heads);
    }

    [Fact]
    public void A_row_whose_content_no_longer_gives_its_hash_is_altered()
    {
        var result = Walk([Link(1, "a", 1, G, "h1"), Link(2, "a", 2, "h1", "h2", recomputed: "other")], new AuditChainHead("a", 2, "h2"));

        Assert.False(result.Intact);
        Assert.Equal(new AuditBreak("a", 2, 2, "row-altered", "other", "h2"), result.FirstBreak);
    }

    [Fact]
    public void A_row_rehashed_after_its_change_breaks_the_next_link()
    {
        var result = Walk([Link(1, "a", 1, G, "forged"), Link(2, "a", 2, "h1", "h2")], new AuditChainHead("a", 2, "h2"));

        Assert.Equal(new AuditBreak("a", 2, 2, "link-broken", "forged", "h1"), result.FirstBreak);
    }

    [Fact]
    public void A_row_removed_from_the_middle_leaves_a_gap_and_one_removed_from_the_end_disagrees_with_the_head()
    {
        var result = Walk([Link(1, "a", 1, G, "h1"), Link(3, "a", 3, "h2", "h3"), Link(4, "b", 1, G, "h4")],
            new AuditChainHead("a", 3, "h3"), new AuditChainHead("b", 2, "h5"));

        Assert.Equal(new AuditBreak("a", 3, 2, "row-missing", "seq 2", "seq 3"), result.FirstBreak);
        Assert.Equal(["a", "b"], result.BrokenChains);
        Assert.Equal(3L, result.Rows);
    }

    [Fact]
    public void A_chain_whose_rows_are_all_gone_is_found_by_its_head()
    {
        var result = Walk([], new AuditChainHead("a", 2, "h2"));

        Assert.False(result.Intact);
        Assert.Equal(new AuditBreak("a", null, 0, "head-mismatch", "seq 2: h2", $"seq 0: {G}"), result.FirstBreak);
    }
}
