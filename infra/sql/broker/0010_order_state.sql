-- An order's whole state lives in its directory row (was: an Orleans grain-state blob in orleans_storage plus this row
-- written just after it). The state, the listing columns and the audit row are now one transaction, so the listing
-- and the audit trail can no longer fall behind the state after a crash.
-- data: OrderData as BrokerJson; null for rows written by earlier versions, whose state the grain adopts from
-- orleans_storage on its next activation. version: optimistic concurrency, as the Orleans etag was (0 = no data yet).
-- settled: false while the resources and the envelope have not caught up with the state (see OrderData.Settled).
alter table broker.orders
    add column data    jsonb,
    add column version bigint  not null default 0 check (version >= 0),
    add column settled boolean not null default false;

-- The order sweeper reads unsettled orders oldest first (keyset on updated_at, department, id). Settled orders are
-- nearly all of the table and never read by it, hence partial. Rows from earlier versions start unsettled, so the
-- first sweeps also adopt their legacy state.
create index orders_unsettled_idx on broker.orders (updated_at, department, id) where not settled;
