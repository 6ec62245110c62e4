-- Orleans ADO.NET providers: statement catalogue.
--
-- The clustering, persistence and reminder providers do not carry SQL of their
-- own. At start-up each one runs the fixed text
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and then executes whatever statement is stored under the keys it needs.
-- Unquoted, PostgreSQL folds those names to orleansquery/querykey/querytext,
-- so this one table cannot follow the orleans_* naming used elsewhere.
--
-- Files 0002-0004 upsert their statements here (ON CONFLICT ... DO UPDATE),
-- so re-applying a corrected file replaces the stored text instead of failing.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,

    CONSTRAINT orleansquery_pk PRIMARY KEY (querykey),
    -- A blank key or statement would only surface later as an obscure provider
    -- error at silo start, so reject it at load time instead.
    CONSTRAINT orleansquery_querykey_not_blank  CHECK (btrim(querykey) <> ''),
    CONSTRAINT orleansquery_querytext_not_blank CHECK (btrim(querytext) <> '')
);

COMMENT ON TABLE orleansquery IS
    'Statements the Orleans ADO.NET providers look up by key at start-up; name and columns are fixed by the providers.';
