-- The monthly satisfaction form (docs/sla.md, "Satisfaction"): one answer per department and month (Asia/Shanghai).
-- A later answer before the deadline replaces the row; what it replaced is in broker.audit_log, written in the same
-- transaction. Scores are kept per question code, so the form's score is computed with the configured weights.
create table broker.sla_satisfaction (
    department   text        not null,
    period       text        not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    scores       jsonb       not null,
    comment      text,
    submitted_by text        not null,
    submitted_at timestamptz not null,
    primary key (department, period)
);
-- Assessments read one month (or a quarter's, a year's months) across departments.
create index sla_satisfaction_period_idx on broker.sla_satisfaction (period, department);
