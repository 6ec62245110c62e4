using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Metering;

/// <summary>
/// Rate card versions in <c>broker.rate_cards</c>. There is no update statement: a version, once written, is what every
/// statement of its days is rated with.
/// </summary>
public sealed class RateCardStore(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select version, effective_from, effective_to, currency, prices::text, backdating_reason, created_by, created_at
        from broker.rate_cards order by version
        """;

    private const string InsertSql = """
        insert into broker.rate_cards (version, effective_from, effective_to, currency, prices, backdating_reason, created_by, created_at)
        select coalesce(max(version), 0) + 1, @from, @to, 'CNY', @prices::jsonb, @reason, @by, @at from broker.rate_cards
        returning version
        """;

    // A closed month's statements are frozen, so a card may not start inside or before one.
    private const string LastClosedSql = "select max(period) from broker.month_closes";

    public async Task<IReadOnlyList<RateCard>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cards = new List<RateCard>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cards.Add(new RateCard(
                reader.GetInt32(0),
                reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.GetString(3),
                BrokerJson.Deserialize<RateCardPrices>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return cards;
    }

    /// <summary>Writes the next version; null with the closed month when the draft reaches into a closed month.</summary>
    public async Task<(RateCard? Card, string? ClosedPeriod)> CreateAsync(RateCardDraft draft, string actor, string correlationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LedgerLock.TakeAsync(connection, transaction, cancellationToken);
        await using (var closed = new NpgsqlCommand(LastClosedSql, connection, transaction))
        {
            if (await closed.ExecuteScalarAsync(cancellationToken) is string last && BillingMonth.Parse(last).End > BillingMonth.StartOf(draft.EffectiveFrom))
            {
                return (null, last);
            }
        }

        var prices = BrokerJson.Serialize(draft.Prices);
        await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<DateOnly>("from", draft.EffectiveFrom));
        insert.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = draft.EffectiveTo is { } to ? to : DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<string>("prices", prices));
        insert.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)draft.BackdatingReason ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<string>("by", actor));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        var version = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        var card = new RateCard(version, draft.EffectiveFrom, draft.EffectiveTo, Money.Currency, draft.Prices, draft.BackdatingReason, actor, at);

        await using var batch = new NpgsqlBatch(connection, transaction);
        AuditLog.AddInsert(batch, [new AuditEntry(at, actor, null, null, "rate-card", version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "rate-card.created", null, BrokerJson.Serialize(card), correlationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (card, null);
    }
}
