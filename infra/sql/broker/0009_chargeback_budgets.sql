-- Annual budgets that finance sets per department, for budget-vs-actual views and alerts. One row per department and
-- calendar year (Asia/Shanghai); a change overwrites the row and leaves the before/after in broker.audit_log, written
-- in the same transaction, so the history lives where auditors already look.
create table broker.department_budgets (
    department text          not null,
    year       integer       not null check (year between 2000 and 2200),
    amount     numeric(18,2) not null check (amount > 0),
    currency   text          not null default 'CNY' check (currency = 'CNY'),
    note       text,
    set_by     text          not null,
    set_at     timestamptz   not null,
    primary key (department, year)
);
-- The finance list reads one year across departments.
create index department_budgets_year_idx on broker.department_budgets (year, department);
