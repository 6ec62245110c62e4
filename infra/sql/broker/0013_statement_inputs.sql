-- What an open month's statement is computed from changes rarely compared with how often it is read. One counter row,
-- bumped in the same transaction by every write to a table a statement reads, lets the statement engine serve a cached
-- statement while the counter is unchanged: a reader that sees the counter sees the data committed with it.
-- broker.departments is not watched (it is written with every quota decision); the engine hashes its codes instead.
create table broker.statement_inputs (
    id      boolean primary key default true check (id),
    version bigint  not null
);
insert into broker.statement_inputs (id, version) values (true, 1);

-- Once per transaction (the ledger relay writes thousands of statements in one): the row lock is then held from the
-- first such write to the commit, which orders the bumps exactly as the commits.
create function broker.statement_inputs_bump() returns trigger language plpgsql as $$
begin
    if current_setting('broker.statement_inputs_bumped', true) is distinct from txid_current()::text then
        update broker.statement_inputs set version = version + 1 where id;
        perform set_config('broker.statement_inputs_bumped', txid_current()::text, true);
    end if;
    return null;
end;
$$;

create trigger usage_intervals_statement_inputs after insert or update or delete or truncate on broker.usage_intervals
    for each statement execute function broker.statement_inputs_bump();
create trigger imported_usage_statement_inputs after insert or update or delete or truncate on broker.imported_usage
    for each statement execute function broker.statement_inputs_bump();
create trigger rate_cards_statement_inputs after insert or update or delete or truncate on broker.rate_cards
    for each statement execute function broker.statement_inputs_bump();
create trigger om_profiles_statement_inputs after insert or update or delete or truncate on broker.om_profiles
    for each statement execute function broker.statement_inputs_bump();
create trigger systems_statement_inputs after insert or update or delete or truncate on broker.systems
    for each statement execute function broker.statement_inputs_bump();
create trigger month_closes_statement_inputs after insert or update or delete or truncate on broker.month_closes
    for each statement execute function broker.statement_inputs_bump();
create trigger statement_snapshots_statement_inputs after insert or update or delete or truncate on broker.statement_snapshots
    for each statement execute function broker.statement_inputs_bump();
