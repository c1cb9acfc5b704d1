"""PostgreSQL folds diacritics as SQLite does: "Jose" finds "José", "Muller" finds "Müller".

SQLite's FTS5 tables read text with `unicode61 remove_diacritics 2`. On PostgreSQL both search
vectors (0002, 0003) are now made from the text through `unaccent`, and queries go through the
same function. A generated column takes only immutable functions and `unaccent()` is declared
stable (its dictionary could change), so the vectors call `newsarchive_unaccent(text)`, an
immutable wrapper naming the dictionary in the schema the extension lives in.

The extension is created where it is missing (it is a trusted extension: a database owner may);
one that exists already, in whatever schema, is used where it is. A generated column's expression
cannot be altered before PostgreSQL 17, so each vector is dropped and made again with its index:
the upgrade rewrites the articles table once.

Nothing is done on SQLite.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_CAPS = {"headline": 20_000, "byline": 20_000, "body": 250_000}
_WEIGHTS = {"headline": "A", "byline": "B", "body": "C"}


def _text(column: str, fold: bool) -> str:
    text = f"regexp_replace(left(coalesce({column}, ''), {_CAPS[column]}), '[_@./:-]+', ' ', 'g')"
    return f"newsarchive_unaccent({text})" if fold else text


def _vectors(fold: bool) -> tuple[str, str]:
    weighted = " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {_text(c, fold)}), '{_WEIGHTS[c]}')"
        for c in ("headline", "byline", "body")
    )
    headline = f"to_tsvector('simple'::regconfig, {_text('headline', fold)})"
    return weighted, headline


def _remake(fold: bool) -> None:
    weighted, headline = _vectors(fold)
    op.execute("DROP INDEX IF EXISTS ix_articles_search")
    op.execute("DROP INDEX IF EXISTS ix_articles_headline_search")
    op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector")
    op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS headline_vector")
    op.execute(
        f"ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({weighted})"
        " STORED, ADD COLUMN headline_vector tsvector GENERATED ALWAYS AS"
        f" ({headline}) STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search_vector)")
    op.execute("CREATE INDEX ix_articles_headline_search ON articles USING gin (headline_vector)")


def _extension_schema() -> str | None:
    """The schema the unaccent extension lives in, if it is installed."""
    found = (
        op.get_bind()
        .exec_driver_sql(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
        .scalar()
    )
    return str(found) if found is not None else None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _extension_schema()
    if schema is None:
        # In public when there is one, so that dropping an archive's own schema never takes
        # the extension (and with it the search of archives in other schemas).
        has_public = bind.exec_driver_sql(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"
        ).scalar()
        op.execute(f"CREATE EXTENSION unaccent{' SCHEMA public' if has_public else ''}")
        schema = _extension_schema()
        assert schema is not None
    quoted = '"' + schema.replace('"', '""') + '"'
    op.execute(
        "CREATE OR REPLACE FUNCTION newsarchive_unaccent(text) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
        f" AS $$ SELECT {quoted}.unaccent('{quoted}.unaccent'::regdictionary, $1) $$"
    )
    _remake(fold=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _remake(fold=False)
    op.execute("DROP FUNCTION IF EXISTS newsarchive_unaccent(text)")
