"""Numbered schema migrations, applied in order on open and recorded in ``_migrations``.

A migration is a function ``mNNN_name()`` returning the SQL it runs; add new ones at the end and never edit
an applied one. Each runs in one transaction together with its ``_migrations`` row, so a crash mid-migration
leaves the database as it was.

The SQL is SQLite's. A PostgreSQL database runs the same migrations, each translated by
:func:`newsdesk.store.postgres.translate` (types, ``rowid``, the column ``end``...): a new migration of tables,
columns and indexes needs nothing more. One that translation cannot carry (a virtual table, a trigger, a forward
reference) gets a PostgreSQL twin: a function registered with ``@postgres_twin("mNNN_name")`` that returns the
PostgreSQL SQL run instead (see ``m001_initial``'s). Decision 0028.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from newsdesk.errors import SchemaError, StoreError
from newsdesk.store import claims, postgres

Migration = Callable[[], str]
MIGRATIONS: list[Migration] = []
POSTGRES: dict[str, Migration] = {}  # migration name -> its PostgreSQL twin, where translation is not enough


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next migration."""
    MIGRATIONS.append(fn)
    return fn


def postgres_twin(name: str) -> Callable[[Migration], Migration]:
    """Register the decorated function as the PostgreSQL SQL of migration ``name`` (run as written)."""

    def register(fn: Migration) -> Migration:
        POSTGRES[name] = fn
        return fn

    return register


def postgres_sql(fn: Migration) -> str:
    """The SQL migration ``fn`` runs on PostgreSQL: its twin's, else its own translated."""
    twin = POSTGRES.get(fn.__name__)
    return twin() if twin is not None else postgres.translate(fn(), params=False)


@migration
def m001_initial() -> str:
    return """
        CREATE TABLE articles (
            id            TEXT PRIMARY KEY,
            source        TEXT NOT NULL,
            url           TEXT,
            canonical_url TEXT UNIQUE,
            outlet        TEXT,
            byline        TEXT,
            title         TEXT,
            published     TEXT,
            dateline      TEXT,
            language      TEXT,
            format        TEXT NOT NULL,
            raw           TEXT NOT NULL,
            text          TEXT NOT NULL,
            words         INTEGER NOT NULL,
            ai_generated  INTEGER NOT NULL DEFAULT 0,
            duplicate_of  TEXT REFERENCES articles(id) ON DELETE SET NULL,
            cites         TEXT NOT NULL DEFAULT '[]',
            furniture     TEXT NOT NULL DEFAULT '[]',
            ingested_at   TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;

        CREATE TABLE runs (
            id          INTEGER PRIMARY KEY,
            command     TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE TABLE run_stages (
            run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            stage      TEXT NOT NULL,
            items_in   INTEGER NOT NULL,
            items_out  INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            failures   INTEGER NOT NULL,
            seconds    REAL NOT NULL
        );
        CREATE TABLE failures (
            id         INTEGER PRIMARY KEY,
            run_id     INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            item       TEXT NOT NULL,
            stage      TEXT NOT NULL,
            article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
            error      TEXT NOT NULL,
            message    TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE stage_done (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            stage      TEXT NOT NULL,
            done_at    TEXT NOT NULL,
            PRIMARY KEY (article_id, stage)
        );
    """


def apply(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied."""
    on_postgres = isinstance(conn, postgres.Connection)
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    known = {fn.__name__ for fn in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise SchemaError(
            f"This database was written by a newer newsdesk (migrations {sorted(unknown)} are unknown here). "
            "Upgrade newsdesk (pip install -U newsdesk) or use another database."
        )
    if not on_postgres:
        claims.functions(conn)  # what the SQL of migrations calls that SQLite does not have
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        record = f"INSERT INTO _migrations (name, applied_at) VALUES ('{fn.__name__}', '{stamp}');"
        try:
            if on_postgres:
                pg: postgres.Connection = conn  # type: ignore[assignment]
                pg.executescript(f"BEGIN;\n{postgres_sql(fn)}\n{record}\nCOMMIT;", native=True)
            else:
                conn.executescript(f"BEGIN;\n{fn()}\n{record}\nCOMMIT;")
        except (sqlite3.Error, StoreError) as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise SchemaError(f"Migration {fn.__name__} failed: {exc}") from exc
        applied.append(fn.__name__)
    return applied


# -- PostgreSQL twins: the migrations that translation alone cannot carry --------------------------------------

# substr() of SQLite takes any integer: PostgreSQL's wants a 32-bit one, and the schema's integers are 64-bit.
# Full-text search: a tsvector per article in a table of its own (as SQLite's FTS5 table), kept by a trigger, the
# title weighted A and the text B (the search ranks a title hit 4 times a body hit, as bm25 does in SQLite). The
# configuration folds case and diacritics, with no stemming, and words are split at every character that is not a
# letter or digit (PostgreSQL's parser would keep "U.S." or an address whole): as FTS5's unicode61 tokenizer does.
_PG_FTS = """
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE FUNCTION substr(value text, start bigint, length bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT pg_catalog.substr(value, start::integer, length::integer) $$;
    CREATE FUNCTION substr(value text, start bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT pg_catalog.substr(value, start::integer) $$;
    CREATE TEXT SEARCH CONFIGURATION newsdesk (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION newsdesk ALTER MAPPING FOR asciiword, word, numword, uint WITH unaccent, simple;
    CREATE FUNCTION newsdesk_words(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT regexp_replace(coalesce(value, ''), '[^[:alnum:]]+', ' ', 'g') $$;
    CREATE TABLE articles_fts (
        rowid BIGINT PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
        fts   tsvector NOT NULL
    );
    CREATE INDEX articles_fts_words ON articles_fts USING gin (fts);
    CREATE FUNCTION articles_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO articles_fts (rowid, fts)
            VALUES (NEW.rowid, setweight(to_tsvector('newsdesk', newsdesk_words(NEW.title)), 'A')
                               || setweight(to_tsvector('newsdesk', newsdesk_words(NEW.text)), 'B'))
            ON CONFLICT (rowid) DO UPDATE SET fts = excluded.fts;
        RETURN NEW;
    END $$;
    CREATE TRIGGER articles_fts_sync AFTER INSERT OR UPDATE OF title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_fts_sync();
"""


@postgres_twin("m001_initial")
def m001_initial_postgres() -> str:
    sql = m001_initial()
    fts_start, fts_end = sql.index("CREATE VIRTUAL TABLE"), sql.index("CREATE TABLE runs")
    return postgres.translate(sql[:fts_start] + sql[fts_end:], params=False) + _PG_FTS


@postgres_twin("m002_groups")
def m002_groups_postgres() -> str:
    # SQLite lets a column reference a table created later in the script; PostgreSQL wants the table first.
    statements = [s.strip() for s in postgres.translate(m002_groups(), params=False).split(";") if s.strip()]
    order = sorted(statements, key=lambda s: 0 if s.startswith("CREATE TABLE") else 1)
    return ";\n".join(order) + ";"


@migration
def m002_groups() -> str:
    return """
        ALTER TABLE articles ADD COLUMN event_id TEXT REFERENCES events(id) ON DELETE SET NULL;
        ALTER TABLE articles ADD COLUMN origin TEXT;
        CREATE INDEX articles_event ON articles(event_id);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

        CREATE TABLE fingerprints (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            minhash    BLOB NOT NULL,
            shingles   INTEGER NOT NULL
        );
        CREATE TABLE stories (
            id         TEXT PRIMARY KEY,
            title      TEXT,
            centroid   BLOB NOT NULL,
            first_seen TEXT,
            last_seen  TEXT
        );
        CREATE TABLE events (
            id         TEXT PRIMARY KEY,
            story_id   TEXT REFERENCES stories(id) ON DELETE SET NULL,
            title      TEXT,
            centroid   BLOB NOT NULL,
            first_seen TEXT,
            last_seen  TEXT
        );
        CREATE INDEX events_story ON events(story_id);
        CREATE TABLE term_counts (
            term      INTEGER PRIMARY KEY,
            documents INTEGER NOT NULL
        );
        CREATE TABLE counters (
            name  TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
    """


@migration
def m003_date_mentions() -> str:
    return """
        CREATE TABLE date_mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start      INTEGER NOT NULL,
            end        INTEGER NOT NULL,
            text       TEXT NOT NULL,
            value      TEXT,
            precision  TEXT NOT NULL,
            anchor     TEXT,
            PRIMARY KEY (article_id, start)
        );
        CREATE INDEX date_mentions_value ON date_mentions(value);
    """


@migration
def m004_quotes_entities() -> str:
    return """
        CREATE TABLE entities (
            id        TEXT PRIMARY KEY,
            name      TEXT NOT NULL,
            type      TEXT NOT NULL,
            aliases   TEXT NOT NULL DEFAULT '[]',
            roles     TEXT NOT NULL DEFAULT '[]',
            mentions  INTEGER NOT NULL DEFAULT 0,
            articles  INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start      INTEGER NOT NULL,
            end        INTEGER NOT NULL,
            text       TEXT NOT NULL,
            type       TEXT NOT NULL,
            role       TEXT,
            entity_id  TEXT REFERENCES entities(id) ON DELETE SET NULL,
            PRIMARY KEY (article_id, start)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE quotes (
            id                TEXT PRIMARY KEY,
            article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start             INTEGER NOT NULL,
            end               INTEGER NOT NULL,
            text              TEXT NOT NULL,
            speaker           TEXT,
            speaker_kind      TEXT NOT NULL,
            speaker_start     INTEGER,
            speaker_end       INTEGER,
            speaker_entity_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
            cue               TEXT,
            via               TEXT NOT NULL DEFAULT '[]',
            direct            INTEGER NOT NULL DEFAULT 1,
            confidence        REAL NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article_id, start);
        CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);
    """


@migration
def m005_date_sentences() -> str:
    # Each date mention keeps its sentence's span and whether it is written as future, so a story's timeline
    # reads them instead of scanning article text on every request. Mentions stored before have NULLs (and are
    # still read, computing the sentence from the text); the dates stage is marked undone so the next
    # `newsdesk analyze` fills them in.
    return """
        ALTER TABLE date_mentions ADD COLUMN sentence_start INTEGER;
        ALTER TABLE date_mentions ADD COLUMN sentence_end INTEGER;
        ALTER TABLE date_mentions ADD COLUMN future INTEGER;
        DELETE FROM stage_done WHERE stage = 'dates';
    """


@migration
def m006_run_owner() -> str:
    # Which process runs a run, so a run whose process is gone (killed, crashed) reads as interrupted rather
    # than forever unfinished, and so `failures --last` can leave out runs that are still going.
    return """
        ALTER TABLE runs ADD COLUMN pid INTEGER;
        ALTER TABLE runs ADD COLUMN host TEXT;
        ALTER TABLE runs ADD COLUMN status TEXT NOT NULL DEFAULT 'finished';
        UPDATE runs SET status = 'interrupted' WHERE finished_at IS NULL;
    """


@migration
def m007_page_indexes() -> str:
    # The stories page counts each story's articles per day and outlet: with the first index SQLite answers from
    # the index alone instead of reading every article row of the stories shown (17 ms -> 3 ms for 50 stories of
    # a 10,000-article store). An article page lists the other articles of its origin group, which lies within
    # its event: the second finds them without reading every article of a large event (origin is stored after
    # the text, so reading it walks the text's overflow pages). Ingest looks up the articles stored under a URL
    # (several may share one: a section page, a placeholder) to tell a page fetched again from a new one.
    return """
        CREATE INDEX articles_event_coverage ON articles(event_id, published, outlet);
        CREATE INDEX articles_event_origin ON articles(event_id, origin);
        CREATE INDEX articles_url ON articles(url);
    """


@migration
def m008_article_meta() -> str:
    # What a text file's header states beyond the article fields ("story: …", "tags: …"), as a JSON object: kept
    # as metadata rather than as text. Articles stored before have none.
    return "ALTER TABLE articles ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';"


@migration
def m009_claims() -> str:
    # Claims: each article's check-worthy assertions with their spans, values and terms (the claims stage);
    # claim clusters: claims that say the same thing across one story's articles; claim support: which claim of
    # which article backs which cluster, with its span and stance (the claim_match stage).
    return """
        CREATE TABLE claims (
            id             TEXT PRIMARY KEY,
            article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start          INTEGER NOT NULL,
            end            INTEGER NOT NULL,
            text           TEXT NOT NULL,
            modality       TEXT NOT NULL,
            asserted_by    TEXT,
            asserted_kind  TEXT NOT NULL,
            via            TEXT NOT NULL DEFAULT '[]',
            "values"       TEXT NOT NULL DEFAULT '[]',
            terms          TEXT NOT NULL DEFAULT '[]',
            slot           TEXT NOT NULL DEFAULT '',
            is_update      INTEGER NOT NULL DEFAULT 0,
            confidence     REAL NOT NULL
        );
        CREATE INDEX claims_article ON claims(article_id, start);
        CREATE TABLE claim_clusters (
            id        TEXT PRIMARY KEY,
            story_id  TEXT NOT NULL,
            event_id  TEXT,
            slot      TEXT NOT NULL DEFAULT '',
            text      TEXT NOT NULL
        );
        CREATE INDEX claim_clusters_story ON claim_clusters(story_id);
        CREATE TABLE claim_support (
            cluster_id TEXT NOT NULL REFERENCES claim_clusters(id) ON DELETE CASCADE,
            claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            stance     TEXT NOT NULL,
            start      INTEGER NOT NULL,
            end        INTEGER NOT NULL,
            PRIMARY KEY (cluster_id, claim_id)
        );
        CREATE INDEX claim_support_claim ON claim_support(claim_id);
        CREATE INDEX claim_support_article ON claim_support(article_id);
    """


@migration
def m010_mention_text() -> str:
    # Search finds the entity a query names through its mentions' text (case aside), to search its other
    # aliases too: without an index each name looked up read every mention.
    return "CREATE INDEX mentions_text ON mentions(text COLLATE NOCASE);"


@migration
def m011_quote_kind() -> str:
    # Words said or written ("speech") apart from views and findings nobody is reported to have said ("view").
    # Quotes stored before are taken as speech until the quotes stage runs on their article again.
    return "ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'speech';"


@migration
def m012_origin_links() -> str:
    # Why an article is in its origin group: the article it was found to retell or copy (``other_id``), how sure
    # that is, and the evidence as JSON (the shared passages as spans of the article's text, the shared numbers,
    # quotations and credit). The first article of a group, and an article alone, have none.
    return """
        CREATE TABLE origin_links (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            other_id   TEXT NOT NULL,
            confidence REAL NOT NULL,
            evidence   TEXT NOT NULL
        );
    """


@migration
def m013_stances() -> str:
    # Stances: each article's actors' positions (the stances stage), with the evidence span, the target span and
    # its terms (JSON) that issues are grouped by when read; the actor is a canonical entity.
    return """
        CREATE TABLE stances (
            id            TEXT PRIMARY KEY,
            article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id      TEXT NOT NULL,
            actor         TEXT NOT NULL,
            position      TEXT NOT NULL,
            target        TEXT NOT NULL,
            target_start  INTEGER NOT NULL,
            target_end    INTEGER NOT NULL,
            start         INTEGER NOT NULL,
            end           INTEGER NOT NULL,
            said          INTEGER NOT NULL,
            cue           TEXT NOT NULL DEFAULT '',
            condition     TEXT,
            date          TEXT,
            strength      REAL NOT NULL,
            confidence    REAL NOT NULL,
            terms         TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX stances_article ON stances(article_id, start);
        CREATE INDEX stances_actor ON stances(actor_id);
    """


@migration
def m016_story_cover() -> str:
    # A story's page groups its articles and their mentions in SQL. Reading an article's duplicate_of, published,
    # outlet and origin from its row walks past its text's overflow pages, and a mention's entity_id is read
    # from its row, one lookup per mention: with the first two covering indexes the story's lists are answered
    # from the indexes alone (a 597-article story of a 2,100-article all-stages store, CPU: its summary 3.0 ->
    # 0.45 ms, outlets 2.8 -> 0.55 ms, origins 3.8 -> 1.2 ms, entities 41 -> 33 ms, quotes 11.7 -> 9.5 ms). The
    # third does the same for an entity's page, which counts its mentions' articles (3.7 ms less CPU a page).
    return """
        CREATE INDEX articles_event_cover ON articles(event_id, duplicate_of, published, outlet, origin, id);
        CREATE INDEX mentions_article_entity ON mentions(article_id, entity_id);
        CREATE INDEX mentions_entity_article ON mentions(entity_id, article_id, start);
    """


@migration
def m017_story_digests() -> str:
    # What a story's page shows of its claims, framing and positions, worked out by the digest stage at the end
    # of analysis (JSON, one row a part), with the story's signature when it was made: its article count and
    # last article row. A page reads a part only while the story still has that signature. The same for the parts
    # of a hub entity's page that read all its mentions, with its mention count and last mention row.
    return """
        CREATE TABLE story_digests (
            story_id TEXT NOT NULL,
            part     TEXT NOT NULL,
            articles INTEGER NOT NULL,
            last_row INTEGER NOT NULL,
            data     TEXT NOT NULL,
            PRIMARY KEY (story_id, part)
        ) WITHOUT ROWID;
        CREATE TABLE entity_digests (
            entity_id TEXT PRIMARY KEY,
            mentions  INTEGER NOT NULL,
            last_row  INTEGER NOT NULL,
            data      TEXT NOT NULL
        ) WITHOUT ROWID;
    """


@migration
def m018_dashboard_digest() -> str:
    # The digest stage now also keeps a story's whole unfiltered dashboard and a hub entity's positions (decision
    # 0033). Every article is made pending for it again, so the next analysis stores them for every story; until
    # then pages compute what is missing, as for a store from before m017.
    return "DELETE FROM stage_done WHERE stage = 'digest';"


@migration
def m023_event_coverage() -> str:
    # The stories page (`/`) counted every story's articles and grouped the page's stories' articles by day and
    # outlet: reading every article of the store, 97 ms of CPU at 100,000 articles (issue 18 point 7). Each
    # event's articles per publication day and outlet are now kept (newsdesk.store.coverage: the store refreshes
    # an event's rows whenever an article joins or leaves it), so the page reads rows per event, day and outlet.
    return """
        CREATE TABLE event_coverage (
            event_id TEXT NOT NULL,
            day      TEXT,
            outlet   TEXT,
            articles INTEGER NOT NULL
        );
        CREATE INDEX event_coverage_event ON event_coverage(event_id);
        INSERT INTO event_coverage (event_id, day, outlet, articles)
            SELECT event_id, substr(published, 1, 10), outlet, count(*) FROM articles WHERE event_id IS NOT NULL
            GROUP BY event_id, substr(published, 1, 10), outlet;
    """


@migration
def m024_views_no_quotes() -> str:
    # A story's page no longer counts views as quotes (decision 0037 revised): the dashboards the digest stored
    # before counted them, and a stored dashboard is read as long as its story is unchanged. They are dropped and
    # every article is made pending for the digest again, so the next analysis stores them anew; until then pages
    # compute the dashboard, as for a store from before m018.
    return """
        DELETE FROM story_digests WHERE part = 'dashboard';
        DELETE FROM stage_done WHERE stage = 'digest';
    """


@migration
def m025_quote_dates() -> str:
    # An entity's page lists its quotes newest first, 20 a page: each quote's article date was read from the
    # article and every quote of the speaker sorted by it, 400 ms for a speaker of 125,000 quotes (a 100,000-article
    # store, issue 18 point 7). A quote now keeps its article's publication date ('' when undated: an article's
    # date never changes once stored), and an index orders a speaker's quotes of each kind by it, so a page is read
    # in order, its views counted apart from its words (decision 0015). It replaces the index on the speaker alone.
    return """
        ALTER TABLE quotes ADD COLUMN published TEXT NOT NULL DEFAULT '';
        UPDATE quotes SET published = a.published FROM articles a
            WHERE a.id = quotes.article_id AND a.published IS NOT NULL;
        DROP INDEX quotes_speaker;
        CREATE INDEX quotes_speaker_date ON quotes(speaker_entity_id, kind, published DESC);
    """


@postgres_twin("m025_quote_dates")
def m025_quote_dates_postgres() -> str:
    # PostgreSQL's index holds no row id of its own and puts NULLs first when descending: the order the queries
    # ask for (``published DESC`` translated with SQLite's NULL order, then ``rowid``) is written out.
    sql = postgres.translate(m025_quote_dates(), params=False)
    return sql.replace("published DESC)", "published DESC NULLS LAST, rowid)")


@migration
def m026_article_features() -> str:
    # What dedupe and cluster compare an article by (its MinHash fingerprint, term vector and lead), worked out by
    # the per-article ``features`` stage in the worker processes and kept, so that a run neither works out its own
    # articles' in the serial corpus stages nor those of every stored member it compares with again (issue 17,
    # decision 0040). No article has a row yet: every stored article is pending for the ``features`` stage, so the
    # next analysis works them all out once, in the parallel phase; until it has, the corpus stages work out what
    # is missing from the text, as before.
    return """
        CREATE TABLE article_features (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            data       BLOB NOT NULL
        );
    """


@migration
def m027_claim_pages_kept() -> str:
    # The digest now keeps every page of a story's claims list (decision 0020): a digest made before kept its
    # first four pages and the ids of every cluster, and a later page read every support row of its clusters
    # (1.2-1.9 s of CPU on a 100,000-article store). The stories whose claims list goes past those pages (a
    # ranking of more than 200 ids) are made pending for the digest again, by one article each, so the next
    # analysis keeps their pages and digests nothing else; until then such a page reads the ranking, as before.
    return _digested_again("d.part = 'list:claims:ranking' AND json_array_length(d.data) > 200")


def _digested_again(kept: str, having: str = "") -> str:
    """The SQL that makes each story with a kept digest part passing ``kept`` (a condition on ``d``, its
    ``story_digests`` row; ``having``: one on the story's articles ``a``) pending for the digest again, by one
    article each: the next analysis digests those stories and nothing else."""
    return f"""
        DELETE FROM stage_done WHERE stage = 'digest' AND article_id IN (
            SELECT min(a.id) FROM story_digests d JOIN events e ON e.story_id = d.story_id
            JOIN articles a ON a.event_id = e.id
            WHERE {kept}
            GROUP BY d.story_id
            {f"HAVING {having}" if having else ""}
        );
    """


@migration
def m029_claim_support_story() -> str:
    # Claim matching reads each story's last 10,000 support rows when a run first meets the story (decision
    # 0042). Found through the story's clusters, they were every support row of the story, sorted (121,045 rows
    # for the largest of a 15,000-article store), and each came back with its claim. A support row now names its
    # cluster's story (which a cluster never changes), indexed with the row's place, so that a story's last rows
    # are read from that index; and what its claim reads as for matching (``claims.reading``), so that the store
    # sums the rows up by it.
    return _m029('claim_reading(c.terms, c."values", c.modality, c.text)')


def _m029(reading: str) -> str:
    return f"""
        ALTER TABLE claim_support ADD COLUMN story_id TEXT;
        ALTER TABLE claim_support ADD COLUMN reading TEXT;
        UPDATE claim_support SET
            story_id = (SELECT k.story_id FROM claim_clusters k WHERE k.id = claim_support.cluster_id),
            reading = (SELECT {reading} FROM claims c WHERE c.id = claim_support.claim_id);
        CREATE INDEX claim_support_story ON claim_support(story_id);
    """


@postgres_twin("m029_claim_support_story")
def m029_claim_support_story_postgres() -> str:
    # PostgreSQL's reading is its own (``claims.reading_sql``); SQLite's index holds each row's rowid after the
    # story, in order, PostgreSQL's is told to.
    sql = postgres.translate(_m029(claims.READING_POSTGRES), params=False)
    return sql.replace("claim_support(story_id)", "claim_support(story_id, rowid)")


@migration
def m030_event_entities() -> str:
    # The cluster stage looks stored events up by the entities their articles name (decision 0036), read at the
    # start of each run as a DISTINCT over every linked mention of every article in an event (2.7 million mentions,
    # 1.5 CPU s at 50,000 articles; issue 17, decision 0040). Each (event, entity) pair is now kept with the number
    # of mentions behind it (newsdesk.store.event_entities: the store adjusts it as articles join events and their
    # mentions are linked), counted here once from what the store holds.
    return """
        CREATE TABLE event_entities (
            event_id  TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            mentions  INTEGER NOT NULL,
            PRIMARY KEY (event_id, entity_id)
        ) WITHOUT ROWID;
        INSERT INTO event_entities (event_id, entity_id, mentions)
            SELECT a.event_id, m.entity_id, count(*) FROM articles a JOIN mentions m ON m.article_id = a.id
            WHERE a.event_id IS NOT NULL AND m.entity_id IS NOT NULL GROUP BY a.event_id, m.entity_id;
    """


@migration
def m031_undated_timelines() -> str:
    # A timeline now estimates the days named by the undated reports of an undated event (decision 0007, revision
    # of 2026-12-05): the kept timeline pages of a story with an undated article may lack such entries. Those
    # stories are made pending for the digest again, by one article each, so the next analysis keeps their pages
    # anew; until then the web list shows the pages kept before. (Other stories' pages, whose entries may still
    # cite a byline or dateline before their sentence, are kept again when the story next changes.)
    return _digested_again("d.part = 'timeline:dates'", "sum(CASE WHEN a.published IS NULL THEN 1 ELSE 0 END) > 0")


@migration
def m032_name_keys() -> str:
    # The word keys entity linking works out for every stored name as a run starts (its words, last word, skeletons,
    # sounds, type key: newsdesk.extract.entities.name_keys), kept once a name is written: a row a function and
    # chunk of names written, its answers one JSON object; chunk 0 holds the version of the rules that worked them
    # out. A run reads them rather than work every stored name out again (issue 17, decision 0098). None is kept
    # yet: the next run's entities stage writes every stored name's once, as it does whenever the version read is
    # not its own.
    return """
        CREATE TABLE name_keys (
            chunk   INTEGER NOT NULL,
            fn      TEXT NOT NULL,
            answers TEXT NOT NULL,
            PRIMARY KEY (chunk, fn)
        );
    """
