-- The audit log becomes tamper-evident: each row carries the SHA-256 of its own content and of the hash of the row
-- before it in its chain, so a row changed, removed or slipped in afterwards breaks a link that `audit verify` finds
-- (docs/security.md, "History cannot be rewritten").
--
-- One chain per department, and one, "(platform)", for rows of no department (catalog, rate cards, imports, closes).
-- A single chain would make every audited write in the city wait for the one before it to commit; per department,
-- a writer waits only for another write of the same department, which the department's own grain already orders.
-- The link is made in PostgreSQL, by a BEFORE INSERT trigger holding the chain's head row locked until commit, so
-- no writer can skip it and two writers of one chain can never fork it. The position in the chain (chain_seq) is
-- counted separately from id: two writers may draw ids in one order and take the chain's lock in the other.
--
-- The ownership that stops the broker's own role from switching this off is not here: see infra/postgres/audit-owner.sql.
alter table broker.audit_log
    add column chain     text,
    add column chain_seq bigint,
    add column prev_hash text,
    add column hash      text;

-- The last link of each chain. Its row lock is the chain's lock; its seq also shows a chain whose newest rows were removed.
-- (A transaction-scoped advisory lock and a read of the chain's last row instead, which writes nothing more, was
-- measured too: as fast with writers spread over chains, half as fast with eight writers on one chain.)
create table broker.audit_chains (
    chain text   primary key,
    seq   bigint not null check (seq >= 0),
    head  text   not null
);

-- The canonical text of a row is a JSON array of every column but the hash, timestamps in UTC with microseconds (so
-- no session setting changes it), hashed with its chain's previous hash inside it. Verification recomputes it here.
-- No SET search_path, so that calls can be inlined; every name is a built-in (pg_catalog is searched first), so no
-- object of the broker's role can stand in for one.
create function broker.audit_log_hash(r broker.audit_log) returns text
    language sql stable
as $$
    select encode(sha256(convert_to(jsonb_build_array(
        r.chain, r.chain_seq, r.prev_hash, r.id,
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        r.actor, r.actor_name, r.department, r.object_type, r.object_id, r.action, r.before, r.after, r.correlation_id,
        to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8')), 'hex')
$$;

-- Security definer: once infra/postgres/audit-owner.sql has run, the broker's role cannot touch broker.audit_chains
-- itself; it reaches it only through this function, run as the audit table's owner.
create function broker.audit_log_chain() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    last record;
begin
    new.chain := coalesce(new.department, '(platform)');
    select c.seq, c.head into last from broker.audit_chains c where c.chain = new.chain for update;
    if not found then
        insert into broker.audit_chains (chain, seq, head) values (new.chain, 0, repeat('0', 64)) on conflict (chain) do nothing;
        select c.seq, c.head into last from broker.audit_chains c where c.chain = new.chain for update;
    end if;
    new.chain_seq := last.seq + 1;
    new.prev_hash := last.head;
    new.hash := broker.audit_log_hash(new);
    update broker.audit_chains set seq = new.chain_seq, head = new.hash where chain = new.chain;
    return new;
end;
$$;

-- BEFORE triggers fire in name order: "zz" makes this one the last, so it hashes the row exactly as it is stored.
create trigger audit_log_zz_chain before insert on broker.audit_log
    for each row execute function broker.audit_log_chain();

-- Rows written before this script are chained now, oldest first, as if they had been written with it: chain by chain,
-- each row updated once and each head written once (the trigger's way, a head update per row, would be quadratic here).
alter table broker.audit_log disable trigger audit_log_append_only;
do $$
declare
    r broker.audit_log;
    previous text := null;
    seq bigint := 0;
    head text := repeat('0', 64);
begin
    for r in select * from broker.audit_log order by coalesce(department, '(platform)'), id loop
        if previous is distinct from coalesce(r.department, '(platform)') then
            if previous is not null then
                insert into broker.audit_chains (chain, seq, head) values (previous, seq, head);
            end if;
            previous := coalesce(r.department, '(platform)');
            seq := 0;
            head := repeat('0', 64);
        end if;
        seq := seq + 1;
        r.chain := previous;
        r.chain_seq := seq;
        r.prev_hash := head;
        head := broker.audit_log_hash(r);
        update broker.audit_log set chain = r.chain, chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = head where id = r.id;
    end loop;
    if previous is not null then
        insert into broker.audit_chains (chain, seq, head) values (previous, seq, head);
    end if;
end;
$$;
alter table broker.audit_log enable trigger audit_log_append_only;

alter table broker.audit_log
    alter column chain set not null,
    alter column chain_seq set not null,
    alter column prev_hash set not null,
    alter column hash set not null;
-- Verification walks each chain in order; the key also refuses a second row at one position.
create unique index audit_log_chain_idx on broker.audit_log (chain, chain_seq);
