/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tp-store-backup.h"
#include "tp-store-private.h"

/* The library file.
 *
 * Ordering: "newest first" is what every list and search shows by default,
 * so both articles and statements carry a sort_key = (Julian day of their
 * date) << 32 | id, unique, and it is the rowid of their FTS5 table. FTS5
 * walks its doclists in rowid order, so the 20 newest hits of a common word
 * cost a few page reads instead of ranking every hit, and plain lists page
 * down the unique index. An article is dated by its publication date (else
 * its import date); a statement by the date it was said (else its
 * article's date). Ids are allocated by the store inside the write
 * transaction so the key can be computed before the row is written. */

#define LIBRARY_APPLICATION_ID 0x54505459 /* "TPTY", also in schema_v1 */
#define CAPTION_SEPARATOR "\x1e"
#define BUSY_TIMEOUT_MS 5000

struct _TpStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *stmts;          /* SQL text → sqlite3_stmt */
  guint       schema_version;
  gboolean    in_batch;       /* between tp_store_begin_batch() and its end */
  int         op_changes;     /* sqlite3_total_changes() when a batched write began */
  char       *batch_error;    /* why the open batch can only be rolled back */
  GHashTable *pending_cells;  /* cell key (note_cell()) → statements added, not yet counted */
  GArray     *pending_topics; /* PendingTopic: topics of statements added in the open batch */
  GStringChunk *topic_strings; /* their strings */
  TpStoreVocabulary vocabulary;
};

/* A row of statement_topic (schema 5) not written yet: see
 * flush_topics(). */
typedef struct
{
  const char *topic;
  const char *side;      /* nullable */
  const char *review;
  const char *outlet;    /* nullable */
  const char *language;  /* nullable */
  gint64      statement_id;
  gint64      sort_key;
  int         position;
} PendingTopic;

G_DEFINE_FINAL_TYPE (TpStore, tp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tp-store-error-quark, tp_store_error)

/* Schema, one step per version. Never edit a released step: add one. */

static const char schema_v1[] =
  "PRAGMA application_id = 1414550617;"
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TABLE side ("
  "  key TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  color TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE actor ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  side TEXT REFERENCES side (key) ON UPDATE CASCADE ON DELETE SET NULL,"
  "  role TEXT,"
  "  kind TEXT NOT NULL DEFAULT 'person'"
  ");"
  "CREATE INDEX actor_side ON actor (side);"
  "CREATE TABLE actor_alias ("
  "  id INTEGER PRIMARY KEY,"
  "  actor_id INTEGER NOT NULL REFERENCES actor (id) ON DELETE CASCADE,"
  "  lang TEXT,"
  "  alias TEXT NOT NULL,"
  "  role INTEGER NOT NULL DEFAULT 0,"
  "  valid_from TEXT,"
  "  valid_until TEXT"
  ");"
  "CREATE INDEX actor_alias_actor ON actor_alias (actor_id);"
  "CREATE TABLE topic ("
  "  key TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE topic_label ("
  "  id INTEGER PRIMARY KEY,"
  "  topic TEXT NOT NULL REFERENCES topic (key) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  lang TEXT,"
  "  label TEXT NOT NULL"
  ");"
  "CREATE INDEX topic_label_topic ON topic_label (topic);"
  "CREATE TABLE topic_keyword ("
  "  id INTEGER PRIMARY KEY,"
  "  topic TEXT NOT NULL REFERENCES topic (key) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  lang TEXT,"
  "  keyword TEXT NOT NULL"
  ");"
  "CREATE INDEX topic_keyword_topic ON topic_keyword (topic);"
  "CREATE TABLE cue ("
  "  id INTEGER PRIMARY KEY,"
  "  lang TEXT,"
  "  cue TEXT NOT NULL,"
  "  type TEXT NOT NULL DEFAULT 'verb'"
  ");"
  "CREATE TABLE article ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  sort_key INTEGER NOT NULL UNIQUE,"
  "  url TEXT UNIQUE,"
  "  source_path TEXT,"
  "  content_hash TEXT NOT NULL UNIQUE,"
  "  outlet TEXT,"
  "  title TEXT,"
  "  author TEXT,"
  "  language TEXT,"
  "  published TEXT,"
  "  imported TEXT NOT NULL,"
  "  origin TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  captions TEXT"
  ");"
  "CREATE INDEX article_outlet ON article (outlet, sort_key);"
  "CREATE INDEX article_language ON article (language, sort_key);"
  "CREATE TABLE statement ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  sort_key INTEGER NOT NULL UNIQUE,"
  "  article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  start_char INTEGER NOT NULL,"
  "  end_char INTEGER NOT NULL,"
  "  speaker TEXT,"
  "  actor_key TEXT,"
  "  actor TEXT,"
  "  side TEXT,"
  "  cue TEXT,"
  "  said_on TEXT,"
  "  dated TEXT NOT NULL,"
  "  confidence REAL NOT NULL DEFAULT 0,"
  "  review TEXT NOT NULL DEFAULT 'auto',"
  "  manual INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX statement_article ON statement (article_id);"
  "CREATE INDEX statement_side ON statement (side, sort_key);"
  "CREATE INDEX statement_actor ON statement (actor_key, sort_key);"
  "CREATE TABLE statement_topic ("
  "  statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,"
  "  topic TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (statement_id, topic)"
  ") WITHOUT ROWID;"
  "CREATE INDEX statement_topic_topic ON statement_topic (topic, statement_id);"
  "CREATE VIRTUAL TABLE article_fts USING fts5 ("
  "  title, body, content='article', content_rowid='sort_key', tokenize='tp_fold');"
  "CREATE VIRTUAL TABLE statement_fts USING fts5 ("
  "  text, speaker, content='statement', content_rowid='sort_key', tokenize='tp_fold');"
  "CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN"
  "  INSERT INTO article_fts (rowid, title, body) VALUES (new.sort_key, new.title, new.body);"
  "END;"
  "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN"
  "  INSERT INTO article_fts (article_fts, rowid, title, body)"
  "    VALUES ('delete', old.sort_key, old.title, old.body);"
  "END;"
  "CREATE TRIGGER article_fts_update AFTER UPDATE OF sort_key, title, body ON article BEGIN"
  "  INSERT INTO article_fts (article_fts, rowid, title, body)"
  "    VALUES ('delete', old.sort_key, old.title, old.body);"
  "  INSERT INTO article_fts (rowid, title, body) VALUES (new.sort_key, new.title, new.body);"
  "END;"
  "CREATE TRIGGER statement_fts_insert AFTER INSERT ON statement BEGIN"
  "  INSERT INTO statement_fts (rowid, text, speaker)"
  "    VALUES (new.sort_key, new.text, new.speaker);"
  "END;"
  "CREATE TRIGGER statement_fts_delete AFTER DELETE ON statement BEGIN"
  "  INSERT INTO statement_fts (statement_fts, rowid, text, speaker)"
  "    VALUES ('delete', old.sort_key, old.text, old.speaker);"
  "END;"
  "CREATE TRIGGER statement_fts_update AFTER UPDATE OF sort_key, text, speaker ON statement BEGIN"
  "  INSERT INTO statement_fts (statement_fts, rowid, text, speaker)"
  "    VALUES ('delete', old.sort_key, old.text, old.speaker);"
  "  INSERT INTO statement_fts (rowid, text, speaker)"
  "    VALUES (new.sort_key, new.text, new.speaker);"
  "END;";

/* v2: the journalist's layer (tags, notes, stars) and feed subscriptions. */
static const char schema_v2[] =
  "CREATE TABLE tag ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  color TEXT"
  ");"
  "CREATE TABLE statement_tag ("
  "  statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (statement_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX statement_tag_tag ON statement_tag (tag_id, statement_id);"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE INDEX note_statement ON note (statement_id);"
  "CREATE TABLE feed ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  url TEXT NOT NULL UNIQUE,"
  "  title TEXT,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  refresh_interval INTEGER NOT NULL DEFAULT 0,"
  "  fetch_full_page INTEGER NOT NULL DEFAULT 0,"
  "  last_checked TEXT,"
  "  last_error TEXT,"
  "  error_count INTEGER NOT NULL DEFAULT 0,"
  "  added TEXT NOT NULL"
  ");"
  "ALTER TABLE statement ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE article ADD COLUMN feed_id INTEGER REFERENCES feed (id) ON DELETE SET NULL;"
  "CREATE INDEX article_feed ON article (feed_id);";

/* v3: the store indexes new articles and statements itself instead of
 * through AFTER INSERT triggers. A trigger makes every INSERT a multi-row
 * write with a statement journal, and FTS5 flushes its pending terms to a
 * new segment at each statement savepoint: one segment per row, merged over
 * and over. Written by the store, the terms of a whole batch are flushed
 * once, at commit. Deletes and updates keep their triggers (they are rare
 * and cascade from article deletion). */
static const char schema_v3[] =
  "DROP TRIGGER article_fts_insert;"
  "DROP TRIGGER statement_fts_insert;";

/* v4: a prefix index of the first three characters of every word, so
 * search as you type ("tai thi…") reads one doclist, newest first, instead
 * of merging the doclists of every word that starts with the prefix.
 * Shorter prefixes are not searched as prefixes at all (see
 * _tp_store_build_fts_query()). The delete and update triggers refer to
 * the tables by name and keep working. */
static const char schema_v4[] =
  "DROP TABLE article_fts;"
  "CREATE VIRTUAL TABLE article_fts USING fts5 ("
  "  title, body, content='article', content_rowid='sort_key', tokenize='tp_fold',"
  "  prefix='3');"
  "INSERT INTO article_fts (article_fts) VALUES ('rebuild');"
  "DROP TABLE statement_fts;"
  "CREATE VIRTUAL TABLE statement_fts USING fts5 ("
  "  text, speaker, content='statement', content_rowid='sort_key', tokenize='tp_fold',"
  "  prefix='3');"
  "INSERT INTO statement_fts (statement_fts) VALUES ('rebuild');";

/* v5: the Compare view asks, for each topic and side, the newest few
 * statements and how many there are. statement_topic carries copies of
 * its statement's side, date key and review status (kept by a trigger), so
 * a cell is one range of statement_topic_cell read newest first; and
 * comparison_cell keeps the count of each topic × side × review status ×
 * outlet × language, so the totals need no scan. (Its article's outlet and
 * language are copied too: they are the Compare view's other filters.) Statement topics added by the store are counted
 * by the store, once per transaction (a trigger per inserted row costs an
 * import more than the whole count); the triggers below follow updates and
 * deletes. statement_topic_cell also serves lookups by topic alone, so it
 * replaces statement_topic_topic. Outlet and language stay out of that
 * index: its entries go in at random places when articles are not
 * imported in date order, and every byte of them costs an import. */
static const char schema_v5[] =
  "CREATE TABLE statement_topic_v5 ("
  "  statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,"
  "  topic TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  side TEXT,"
  "  sort_key INTEGER NOT NULL DEFAULT 0,"
  "  review TEXT NOT NULL DEFAULT 'auto',"
  "  outlet TEXT,"
  "  language TEXT,"
  "  PRIMARY KEY (statement_id, topic)"
  ") WITHOUT ROWID;"
  "INSERT INTO statement_topic_v5 (statement_id, topic, position, side, sort_key, review,"
  "    outlet, language)"
  "  SELECT st.statement_id, st.topic, st.position, s.side, s.sort_key, s.review,"
  "    a.outlet, a.language"
  "  FROM statement_topic st JOIN statement s ON s.id = st.statement_id"
  "  JOIN article a ON a.id = s.article_id;"
  "DROP TABLE statement_topic;"
  "ALTER TABLE statement_topic_v5 RENAME TO statement_topic;"
  "CREATE INDEX statement_topic_cell ON statement_topic (topic, side, sort_key, review);"
  "CREATE TABLE comparison_cell ("
  "  topic TEXT NOT NULL,"
  "  side TEXT NOT NULL,"
  "  review TEXT NOT NULL,"
  "  outlet TEXT NOT NULL,"   /* char (31) for none */
  "  language TEXT NOT NULL," /* char (31) for none */
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (topic, side, review, outlet, language)"
  ") WITHOUT ROWID;"
  "INSERT INTO comparison_cell (topic, side, review, outlet, language, n)"
  "  SELECT topic, side, review, IFNULL (outlet, char (31)), IFNULL (language, char (31)),"
  "    count(*) FROM statement_topic WHERE side IS NOT NULL"
  "  GROUP BY 1, 2, 3, 4, 5;"
  "CREATE TRIGGER statement_topic_follow AFTER UPDATE OF side, sort_key, review ON statement BEGIN"
  "  UPDATE statement_topic SET side = new.side, sort_key = new.sort_key, review = new.review"
  "    WHERE statement_id = new.id;"
  "END;"
  "CREATE TRIGGER statement_topic_follow_article AFTER UPDATE OF outlet, language ON article"
  "  BEGIN"
  "  UPDATE statement_topic SET outlet = new.outlet, language = new.language"
  "    WHERE statement_id IN (SELECT id FROM statement WHERE article_id = new.id);"
  "END;"
  "CREATE TRIGGER comparison_cell_delete AFTER DELETE ON statement_topic"
  "  WHEN old.side IS NOT NULL BEGIN"
  "  UPDATE comparison_cell SET n = n - 1"
  "    WHERE topic = old.topic AND side = old.side AND review = old.review"
  "      AND outlet = IFNULL (old.outlet, char (31))"
  "      AND language = IFNULL (old.language, char (31));"
  "END;"
  "CREATE TRIGGER comparison_cell_update"
  "  AFTER UPDATE OF topic, side, review, outlet, language ON statement_topic BEGIN"
  "  UPDATE comparison_cell SET n = n - 1"
  "    WHERE old.side IS NOT NULL AND topic = old.topic AND side = old.side"
  "      AND review = old.review AND outlet = IFNULL (old.outlet, char (31))"
  "      AND language = IFNULL (old.language, char (31));"
  "  INSERT INTO comparison_cell (topic, side, review, outlet, language, n)"
  "    SELECT new.topic, new.side, new.review, IFNULL (new.outlet, char (31)),"
  "      IFNULL (new.language, char (31)), 1 WHERE new.side IS NOT NULL"
  "    ON CONFLICT (topic, side, review, outlet, language) DO UPDATE SET n = n + 1;"
  "END;"
  /* The words of both indexes, for search as you type (see
   * TpStoreVocabulary). */
  "CREATE TABLE fts_term (term TEXT PRIMARY KEY) WITHOUT ROWID;"
  "CREATE VIRTUAL TABLE temp.tp_article_terms USING fts5vocab (main, article_fts, row);"
  "INSERT OR IGNORE INTO fts_term (term) SELECT term FROM temp.tp_article_terms;"
  "DROP TABLE temp.tp_article_terms;"
  "CREATE VIRTUAL TABLE temp.tp_statement_terms USING fts5vocab (main, statement_fts, row);"
  "INSERT OR IGNORE INTO fts_term (term) SELECT term FROM temp.tp_statement_terms;"
  "DROP TABLE temp.tp_statement_terms;";

/* v6: FTS5 merges its segments less eagerly. It writes each commit's
 * words as a new segment and, by default, merges every 4 segments of a
 * size into one of the next (automerge) and all of them past 16
 * (crisismerge): an index of a newsroom's size is rewritten once per
 * level, and the levels grow with it. Merging 8 at a time makes fewer
 * levels, so fewer rewrites (100k articles: 99 to 95 s CPU in the
 * writer); a search reads a few more segments, which for the newest hits
 * of a word costs a page each. */
static const char schema_v6[] =
  "INSERT INTO article_fts (article_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO article_fts (article_fts, rank) VALUES ('crisismerge', 64);"
  "INSERT INTO statement_fts (statement_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO statement_fts (statement_fts, rank) VALUES ('crisismerge', 64);";

/* v7: an actor's gender ('male', 'female' or NULL for unknown), which lets
 * the extractor resolve "ông"/"bà", "he"/"she" to a speaker; libraries
 * seeded before it get the genders of the default lexicon's actors (see
 * schema_fills). */
static const char schema_v7[] =
  "ALTER TABLE actor ADD COLUMN gender TEXT;";

static const char * const schema_steps[] = {
  NULL,       /* version 0: the empty file */
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
  schema_v7,
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_steps) == TP_STORE_SCHEMA_VERSION + 1);

/* Work a step needs beyond its SQL, run after it in the same transaction:
 * data that comes from the code rather than from the file. */
typedef gboolean (*SchemaFill) (TpStore  *self,
                                GError  **error);

static const SchemaFill schema_fills[] = {
  [7] = _tp_store_fill_actor_genders,
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_fills) <= TP_STORE_SCHEMA_VERSION + 1);

/* Columns read by read_article() and read_statement(), in order. */
#define ARTICLE_COLUMNS \
  "a.id, a.url, a.source_path, a.content_hash, a.outlet, a.title, a.author, " \
  "a.language, a.published, a.imported, a.origin"
#define N_ARTICLE_COLUMNS 11

#define STATEMENT_COLUMNS \
  "s.id, s.article_id, s.kind, s.text, s.start_char, s.end_char, s.speaker, " \
  "s.actor_key, s.actor, s.side, s.cue, s.said_on, s.confidence, s.review, s.manual, " \
  "(SELECT group_concat (topic, char (31)) FROM " \
  "   (SELECT topic FROM statement_topic WHERE statement_id = s.id ORDER BY position))"

/* Auxiliary methods */

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* Julian day of an ISO date ("2024-07-04", or the date part of a
 * date-time), or 0 when @iso is not one. */
static guint32
julian_day (const char *iso)
{
  GDate date;
  guint y, m, d;

  if (iso == NULL || strlen (iso) < 10 || iso[4] != '-' || iso[7] != '-')
    return 0;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return 0;
  y = (guint) g_ascii_strtoull (iso, NULL, 10);
  m = (guint) g_ascii_strtoull (iso + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (iso + 8, NULL, 10);
  if (y < 1 || y > 9999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

static gint64
make_sort_key (guint32 day,
               gint64  id)
{
  return ((gint64) day << 32) | (id & G_GINT64_CONSTANT (0xffffffff));
}

/* The date a row is filed under: the first valid of @dates, as "YYYY-MM-DD". */
static char *
pick_date (const char *first,
           const char *second,
           const char *third)
{
  const char *dates[] = { first, second, third };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (julian_day (dates[i]) != 0)
      return g_strndup (dates[i], 10);
  return NULL;
}

static gboolean
check_date_arg (const char  *date,
                GError     **error)
{
  if (date == NULL || julian_day (date) != 0)
    return TRUE;
  g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID,
               _("“%s” is not a date; use YYYY-MM-DD"), date);
  return FALSE;
}

static TpArticle *
read_article_at (sqlite3_stmt *stmt,
                 int           b)
{
  TpArticle *article = tp_article_new ();

  article->id = sqlite3_column_int64 (stmt, b);
  article->url = column_dup (stmt, b + 1);
  article->source_path = column_dup (stmt, b + 2);
  article->content_hash = column_dup (stmt, b + 3);
  article->outlet = column_dup (stmt, b + 4);
  article->title = column_dup (stmt, b + 5);
  article->author = column_dup (stmt, b + 6);
  article->language = column_dup (stmt, b + 7);
  article->published = column_dup (stmt, b + 8);
  article->imported = column_dup (stmt, b + 9);
  article->origin = tp_origin_from_string ((const char *) sqlite3_column_text (stmt, b + 10));
  return article;
}

static TpArticle *
read_article (sqlite3_stmt *stmt,
              gboolean      with_body)
{
  TpArticle *article = read_article_at (stmt, 0);

  if (with_body)
    {
      const char *captions = (const char *) sqlite3_column_text (stmt, 12);

      tp_article_set_body (article, (const char *) sqlite3_column_text (stmt, 11));
      if (captions != NULL && *captions != '\0')
        {
          g_auto(GStrv) parts = g_strsplit (captions, CAPTION_SEPARATOR, -1);

          for (guint i = 0; parts[i] != NULL; i++)
            tp_article_add_caption (article, parts[i]);
        }
    }

  return article;
}

static TpStatement *
read_statement (sqlite3_stmt *stmt)
{
  TpStatement *statement = tp_statement_new ();
  const char *topics;

  statement->id = sqlite3_column_int64 (stmt, 0);
  statement->article_id = sqlite3_column_int64 (stmt, 1);
  if (!tp_statement_kind_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                      &statement->kind))
    statement->kind = TP_STATEMENT_DIRECT;
  statement->text = column_dup (stmt, 3);
  statement->start = sqlite3_column_int64 (stmt, 4);
  statement->end = sqlite3_column_int64 (stmt, 5);
  statement->speaker = column_dup (stmt, 6);
  statement->actor_key = column_dup (stmt, 7);
  statement->actor = column_dup (stmt, 8);
  statement->side = column_dup (stmt, 9);
  statement->cue = column_dup (stmt, 10);
  statement->said_on = column_dup (stmt, 11);
  statement->confidence = sqlite3_column_double (stmt, 12);
  if (!tp_review_status_from_string ((const char *) sqlite3_column_text (stmt, 13),
                                     &statement->review))
    statement->review = TP_REVIEW_AUTO;
  statement->manual = sqlite3_column_int (stmt, 14) != 0;

  topics = (const char *) sqlite3_column_text (stmt, 15);
  if (topics != NULL && *topics != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (topics, "\x1f", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        tp_statement_add_topic (statement, parts[i]);
    }

  return statement;
}

/* Runs a multi-statement script; used by migrations only. */
static gboolean
exec_script (TpStore     *self,
             const char  *sql,
             const char  *operation,
             GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_FAILED,
                   _("Could not %s in “%s”: %s"), operation, self->path,
                   errmsg ? errmsg : sqlite3_errmsg (self->db));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (TpStore     *self,
           const char  *sql,
           gint64      *out,
           const char  *operation,
           GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = _tp_store_prepare (self, sql, operation, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *out = 0;
      return TRUE;
    }
  _tp_store_set_error (self, error, operation);
  return FALSE;
}

/* Steps @stmt, retrying while it is refused as busy without SQLite's busy
 * handler being asked, as happens when two connections switch a new file to
 * WAL or read its header during that switch. Returns the last result code. */
static int
step_retrying_busy (sqlite3_stmt *stmt)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_BUSY && g_get_monotonic_time () < deadline)
    {
      sqlite3_reset (stmt);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  return rc;
}

static gboolean
read_header (TpStore     *self,
             gint64      *version,
             gint64      *app_id,
             gint64      *n_tables,
             GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = NULL;

  stmt = _tp_store_prepare (self,
                            "SELECT (SELECT user_version FROM pragma_user_version),"
                            " (SELECT application_id FROM pragma_application_id),"
                            " (SELECT count(*) FROM sqlite_master)",
                            _("open the library"), error);
  if (stmt == NULL)
    return FALSE;
  if (step_retrying_busy (stmt) != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, _("open the library"));
      return FALSE;
    }
  *version = sqlite3_column_int64 (stmt, 0);
  *app_id = sqlite3_column_int64 (stmt, 1);
  *n_tables = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

/* Runs every step from the library's version up to @max_version in one
 * transaction: another program opening the same library meanwhile sees it
 * either before or after the upgrade, never half-way, and a failed step
 * leaves it as it was. */
static gboolean
migrate (TpStore     *self,
         guint        max_version,
         GError     **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;", max_version);
  gint64 current = 0;

  if (self->schema_version >= max_version)
    return TRUE;

  /* A library written by an older Triptych is backed up before its first
   * step, so a failed or unwanted upgrade can be undone. */
  if (!tp_store_backup_before_migration (self->db, self->path, self->schema_version,
                                         max_version, error))
    return FALSE;

  if (!_tp_store_begin (self, _("upgrade the library"), error))
    return FALSE;
  /* Another program (the GUI and the CLI opening a new library at once)
   * may have upgraded it while this one waited for the lock. */
  if (!query_int (self, "PRAGMA user_version", &current, _("upgrade the library"), error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  for (guint v = (guint) MAX (current, 0) + 1; v <= max_version; v++)
    {
      g_debug ("Upgrading %s to schema version %u", self->path, v);
      if (!exec_script (self, schema_steps[v], _("upgrade the library"), error)
          || (v < G_N_ELEMENTS (schema_fills) && schema_fills[v] != NULL
              && !schema_fills[v] (self, error)))
        {
          _tp_store_rollback (self);
          return FALSE;
        }
    }
  if (current < max_version
      && !exec_script (self, set_version, _("upgrade the library"), error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  if (!_tp_store_commit (self, _("upgrade the library"), error))
    return FALSE;
  self->schema_version = (guint) MAX (current, (gint64) max_version);
  return TRUE;
}

/* A zero-byte file where a library was (a crash before the file system
 * wrote it out, a failed copy) would open as a new empty library and hide
 * the loss. When backups of it exist it is taken for damage instead. */
static gboolean
is_emptied_library (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size != 0)
    return FALSE;
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return FALSE;
  backups = tp_store_backup_list (path, NULL);
  return backups != NULL && backups->len > 0;
}

static gboolean
open_database (TpStore     *self,
               guint        max_version,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_OPEN,
                   _("Could not create the folder “%s” for the library: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  if (is_emptied_library (self->path))
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY,
                   _("The library “%s” is an empty file, though backups of it exist; "
                     "restore a backup or choose another file"), self->path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_OPEN,
                   _("Could not open the library “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (_tp_store_register_tokenizer_full (self->db, &self->vocabulary) != SQLITE_OK)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_OPEN,
                   _("Could not open the library “%s”: this SQLite has no FTS5 support"),
                   self->path);
      return FALSE;
    }

  /* Reading the header tells a library from a foreign or damaged file
   * before anything is written to it. One statement reads one snapshot:
   * another program creating the same new library meanwhile must not be
   * seen half-way (tables there, version not yet read as set). */
  if (!read_header (self, &version, &app_id, &n_tables, error))
    {
      GError *e = error ? *error : NULL;

      if (e != NULL && e->code == TP_STORE_ERROR_NOT_LIBRARY)
        {
          g_clear_error (error);
          g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY,
                       _("“%s” is not a Triptych library or is damaged; "
                         "choose another file or restore a backup"), self->path);
        }
      return FALSE;
    }

  if ((version == 0 && n_tables > 0) || (version > 0 && app_id != LIBRARY_APPLICATION_ID))
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” is a database of another program, not a Triptych library; "
                     "choose another file"), self->path);
      return FALSE;
    }
  if (version > TP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_TOO_NEW,
                   _("The library “%s” was written by a newer version of Triptych; "
                     "update Triptych to open it"), self->path);
      return FALSE;
    }
  self->schema_version = (guint) version;

  if (!exec_script (self,
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA synchronous = NORMAL;"
                    /* A newsroom library is a few GB: a larger page cache
                     * and fewer, larger checkpoints keep imports from
                     * rereading and rewriting the same index pages (a
                     * batch of 2000 articles dirties more than 64 MB of
                     * them at 100k articles; each checkpoint writes a page
                     * once however many commits rewrote it). 128 MB of
                     * cache and a 128 MB WAL: 100k articles, 95 to 80 s
                     * CPU in the writer. The cache grows only as it is
                     * used. No mmap: every page of the file read through
                     * it stays in the process's resident memory (up to its
                     * whole size), where reads through the kernel's page
                     * cache cost about as little and are shared. */
                    "PRAGMA cache_size = -131072;"
                    "PRAGMA mmap_size = 0;"
                    "PRAGMA wal_autocheckpoint = 32768;",
                    _("open the library"), error))
    return FALSE;

  if (self->schema_version < max_version || self->schema_version == 0)
    {
      g_autoptr(TpStoreStmt) stmt = NULL;

      /* WAL lets the GUI's readers work while an import writes. Switching
       * needs a write, so it is done only when the file changes anyway. */
      stmt = _tp_store_prepare (self, "PRAGMA journal_mode = WAL", _("open the library"), error);
      if (stmt == NULL)
        return FALSE;
      if (step_retrying_busy (stmt) != SQLITE_ROW)
        {
          _tp_store_set_error (self, error, _("open the library"));
          return FALSE;
        }
    }

  if (!migrate (self, max_version, error))
    return FALSE;
  return self->schema_version == 0 || _tp_store_seed_lexicon (self, error);
}

/* GObject overrides */

static void
tp_store_finalize (GObject *object)
{
  TpStore *self = (TpStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->pending_cells, g_hash_table_unref);
  g_clear_pointer (&self->pending_topics, g_array_unref);
  g_clear_pointer (&self->topic_strings, g_string_chunk_free);
  g_clear_pointer (&self->batch_error, g_free);
  if (self->db != NULL)
    {
      /* Leaves a clean file: the last connection checkpoints the WAL. */
      sqlite3_close (self->db);
      self->db = NULL;
    }
  /* After the connection, whose tokenizer records into it. */
  g_clear_pointer (&self->vocabulary.known, g_hash_table_unref);
  g_clear_pointer (&self->vocabulary.pending, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tp_store_parent_class)->finalize (object);
}

static void
tp_store_class_init (TpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_store_finalize;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tp_store_init (TpStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       finalize_stmt);
  self->pending_cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_topics = g_array_new (FALSE, FALSE, sizeof (PendingTopic));
  self->topic_strings = g_string_chunk_new (4096);
  self->vocabulary.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The vocabulary (schema 5) */

/* Called in a write transaction: from here on the tokenizer records the
 * words fts_term lacks. */
static gboolean
load_vocabulary (TpStore     *self,
                 const char  *operation,
                 GError     **error)
{
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  if (self->schema_version < 5 || self->vocabulary.known != NULL)
    return TRUE;
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = _tp_store_prepare (self, "SELECT term FROM fts_term", operation, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, operation);
      return FALSE;
    }
  g_hash_table_remove_all (self->vocabulary.pending);
  self->vocabulary.known = g_steal_pointer (&known);
  return TRUE;
}

static gboolean
flush_vocabulary (TpStore     *self,
                  const char  *operation,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer word;

  g_hash_table_iter_init (&iter, self->vocabulary.pending);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    {
      g_autoptr(TpStoreStmt) stmt = NULL;

      stmt = _tp_store_prepare (self, "INSERT OR IGNORE INTO fts_term (term) VALUES (?1)",
                                operation, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
      if (!_tp_store_step_done (self, stmt, operation, error))
        return FALSE;
      if (self->vocabulary.known != NULL)
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_add (self->vocabulary.known, word);
        }
    }
  g_hash_table_remove_all (self->vocabulary.pending);
  return TRUE;
}

/* After a rollback the words recorded may not be in fts_term: read it
 * again at the next write. */
static void
forget_vocabulary (TpStore *self)
{
  g_clear_pointer (&self->vocabulary.known, g_hash_table_unref);
  g_hash_table_remove_all (self->vocabulary.pending);
}

/* Comparison counts (schema 5) */

/* A statement filed under @topic on @side was added in the open
 * transaction: count it when the transaction commits. */
#define NO_VALUE "\x1f"    /* an outlet or language that is NULL, in comparison_cell */

static void
note_cell (TpStore    *self,
           const char *topic,
           const char *side,
           const char *review,
           const char *outlet,
           const char *language)
{
  g_autofree char *key = NULL;
  gpointer n;

  if (side == NULL || self->schema_version < 5)
    return;
  key = g_strjoin ("\x1e", topic, side, review, outlet ? outlet : NO_VALUE,
                   language ? language : NO_VALUE, NULL);
  n = g_hash_table_lookup (self->pending_cells, key);
  g_hash_table_replace (self->pending_cells, g_steal_pointer (&key),
                        GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
}

static gboolean
flush_cells (TpStore     *self,
             const char  *operation,
             GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pending_cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\x1e", 5);
      g_autoptr(TpStoreStmt) stmt = NULL;

      g_assert (g_strv_length (parts) == 5);
      stmt = _tp_store_prepare (self,
                                "INSERT INTO comparison_cell (topic, side, review, outlet, "
                                "  language, n) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                "ON CONFLICT (topic, side, review, outlet, language) "
                                "DO UPDATE SET n = n + excluded.n",
                                operation, error);
      if (stmt == NULL)
        return FALSE;
      for (int i = 0; i < 5; i++)
        sqlite3_bind_text (stmt, i + 1, parts[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, (gint64) GPOINTER_TO_SIZE (value));
      if (!_tp_store_step_done (self, stmt, operation, error))
        return FALSE;
    }
  g_hash_table_remove_all (self->pending_cells);
  return TRUE;
}

/* Statement topics (schema 5) */

/* In a batch, the topics of the statements added are written at its end,
 * in the order of statement_topic_cell (topic, side, date, review). The
 * articles of a batch are dated all over the years, so row by row each
 * entry would go to another page of that index, read back and written
 * again at every commit once the library outgrows the page cache; sorted,
 * a batch's entries fill each page in one pass. Any other write in the
 * batch (_tp_store_begin()) and any read of topics (sync_topics()) writes
 * them first, so it sees every row. */
static void
defer_topic (TpStore    *self,
             gint64      statement_id,
             const char *topic,
             int         position,
             const char *side,
             gint64      sort_key,
             const char *review,
             const char *outlet,
             const char *language)
{
  PendingTopic row;

#define INTERN(s) ((s) != NULL ? g_string_chunk_insert_const (self->topic_strings, (s)) : NULL)
  row.topic = INTERN (topic);
  row.side = INTERN (side);
  row.review = INTERN (review);
  row.outlet = INTERN (outlet);
  row.language = INTERN (language);
#undef INTERN
  row.statement_id = statement_id;
  row.sort_key = sort_key;
  row.position = position;
  g_array_append_val (self->pending_topics, row);
}

static int
compare_nullable (const char *a,
                  const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

/* SQLite's order of statement_topic_cell: NULL first, text by bytes. */
static int
compare_pending_topics (gconstpointer a,
                        gconstpointer b)
{
  const PendingTopic *x = a;
  const PendingTopic *y = b;
  int c;

  if ((c = compare_nullable (x->topic, y->topic)) != 0)
    return c;
  if ((c = compare_nullable (x->side, y->side)) != 0)
    return c;
  if (x->sort_key != y->sort_key)
    return x->sort_key < y->sort_key ? -1 : 1;
  if ((c = compare_nullable (x->review, y->review)) != 0)
    return c;
  if (x->statement_id != y->statement_id)
    return x->statement_id < y->statement_id ? -1 : 1;
  return x->position - y->position;
}

static void
forget_topics (TpStore *self)
{
  g_array_set_size (self->pending_topics, 0);
  g_string_chunk_clear (self->topic_strings);
}

static gboolean
insert_topic (TpStore     *self,
              gint64       statement_id,
              const char  *topic,
              int          position,
              const char  *side,
              gint64       sort_key,
              const char  *review,
              const char  *outlet,
              const char  *language,
              const char  *operation,
              GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = NULL;

  stmt = _tp_store_prepare (self,
                            "INSERT OR IGNORE INTO statement_topic (statement_id, topic, "
                            "  position, side, sort_key, review, outlet, language) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            operation, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  bind_text (stmt, 2, topic);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, side);
  sqlite3_bind_int64 (stmt, 5, sort_key);
  bind_text (stmt, 6, review);
  bind_text (stmt, 7, outlet);
  bind_text (stmt, 8, language);
  if (!_tp_store_step_done (self, stmt, operation, error))
    return FALSE;
  if (topic != NULL && sqlite3_changes (self->db) == 1)
    note_cell (self, topic, side, review, outlet, language);
  return TRUE;
}

static gboolean
flush_topics (TpStore     *self,
              const char  *operation,
              GError     **error)
{
  GArray *rows = self->pending_topics;

  if (rows->len == 0)
    return TRUE;
  g_array_sort (rows, compare_pending_topics);
  for (guint i = 0; i < rows->len; i++)
    {
      const PendingTopic *row = &g_array_index (rows, PendingTopic, i);

      if (!insert_topic (self, row->statement_id, row->topic, row->position, row->side,
                         row->sort_key, row->review, row->outlet, row->language,
                         operation, error))
        return FALSE;
    }
  forget_topics (self);
  return TRUE;
}

/* Reads of statements' topics in a batch first write those deferred and
 * their counts, so a statement read, corrected and written back keeps
 * them, and the Compare view counts them. */
static gboolean
sync_topics (TpStore     *self,
             const char  *operation,
             GError     **error)
{
  /* A batch that failed is only rolled back: reads go on without its
   * topics. */
  if (!self->in_batch || self->pending_topics->len == 0 || self->batch_error != NULL)
    return TRUE;
  self->op_changes = sqlite3_total_changes (self->db);
  if (flush_topics (self, operation, error) && flush_cells (self, operation, error))
    return TRUE;
  _tp_store_rollback (self);
  return FALSE;
}

/* Private API */

sqlite3 *
_tp_store_get_db (TpStore *self)
{
  return self->db;
}

char *
_tp_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_tp_store_set_error (TpStore     *self,
                     GError     **error,
                     const char  *operation)
{
  int code = sqlite3_extended_errcode (self->db);
  TpStoreError store_code;

  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      store_code = TP_STORE_ERROR_BUSY;
      g_set_error (error, TP_STORE_ERROR, store_code,
                   _("Could not %s: the library is busy in another program; try again"),
                   operation);
      return;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      store_code = TP_STORE_ERROR_NOT_LIBRARY;
      break;
    case SQLITE_CONSTRAINT:
      store_code = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
                   ? TP_STORE_ERROR_DUPLICATE : TP_STORE_ERROR_INVALID;
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      store_code = TP_STORE_ERROR_OPEN;
      break;
    default:
      store_code = TP_STORE_ERROR_FAILED;
      break;
    }

  g_set_error (error, TP_STORE_ERROR, store_code,
               _("Could not %s in “%s”: %s"), operation, self->path,
               sqlite3_errmsg (self->db));
}

TpStoreStmt *
_tp_store_prepare (TpStore     *self,
                   const char  *sql,
                   const char  *operation,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _tp_store_set_error (self, error, operation);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_tp_store_step_done (TpStore     *self,
                     TpStoreStmt *stmt,
                     const char  *operation,
                     GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  _tp_store_set_error (self, error, operation);
  return FALSE;
}

/* Inside a batch, an operation is not a transaction of its own: the
 * batch's transaction holds many of them and commits them at once. (A
 * savepoint per operation would do, but FTS5 flushes its pending terms to a
 * new segment at every savepoint, which costs more than the rest of an
 * import.) Operations refuse bad input before they write; if one fails
 * after writing, the batch is marked broken and tp_store_commit_batch()
 * rolls all of it back and reports why. */
static gboolean
begin_operation (TpStore     *self,
                 gboolean     adding_article,
                 const char  *operation,
                 GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = NULL;

  if (self->in_batch)
    {
      if (self->batch_error != NULL)
        {
          g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_FAILED,
                       _("Could not %s: an earlier write of this batch failed (%s)"),
                       operation, self->batch_error);
          return FALSE;
        }
      self->op_changes = sqlite3_total_changes (self->db);
      /* Whatever else is written sees the topics of the batch's
       * statements (see defer_topic()), and their counts: the triggers
       * that follow a correction or a deletion count from them. */
      if (!adding_article
          && (!flush_topics (self, operation, error) || !flush_cells (self, operation, error)))
        {
          _tp_store_rollback (self);
          return FALSE;
        }
      return TRUE;
    }

  stmt = _tp_store_prepare (self, "BEGIN IMMEDIATE", operation, error);
  if (stmt == NULL || !_tp_store_step_done (self, stmt, operation, error))
    return FALSE;
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  if (!load_vocabulary (self, operation, error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tp_store_begin (TpStore     *self,
                 const char  *operation,
                 GError     **error)
{
  return begin_operation (self, FALSE, operation, error);
}

gboolean
_tp_store_commit (TpStore     *self,
                  const char  *operation,
                  GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = NULL;

  if (self->in_batch)
    return TRUE;

  if (!flush_cells (self, operation, error) || !flush_vocabulary (self, operation, error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  stmt = _tp_store_prepare (self, "COMMIT", operation, error);
  if (stmt != NULL && _tp_store_step_done (self, stmt, operation, error))
    return TRUE;
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  _tp_store_rollback (self);
  return FALSE;
}

void
_tp_store_rollback (TpStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    return;
  if (!self->in_batch)
    {
      g_hash_table_remove_all (self->pending_cells);
      forget_topics (self);
      forget_vocabulary (self);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return;
    }
  if (sqlite3_total_changes (self->db) != self->op_changes && self->batch_error == NULL)
    self->batch_error = g_strdup (sqlite3_errmsg (self->db));
}

TpStore *
_tp_store_open_full (const char  *path,
                     guint        max_version,
                     GError     **error)
{
  g_autoptr(TpStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_version <= TP_STORE_SCHEMA_VERSION, NULL);

  self = g_object_new (TP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_database (self, max_version, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
_tp_store_check_integrity (TpStore  *self,
                           GError  **error)
{
  const char *op = _("check the library");
  const char *checks[] = {
    "INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 1)",
    "INSERT INTO statement_fts (statement_fts, rank) VALUES ('integrity-check', 1)",
  };
  g_autoptr(TpStoreStmt) stmt = NULL;
  const char *result;

  stmt = _tp_store_prepare (self, "PRAGMA integrity_check", op, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY,
                   _("The library “%s” is damaged: %s"), self->path, result);
      return FALSE;
    }
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  /* With rank 1, FTS5 also compares the index with the content table. */
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (!exec_script (self, checks[i], op, error))
      return FALSE;

  /* The copies kept for the Compare view agree with what they copy. */
  if (self->schema_version >= 5)
    {
      gint64 n_wrong = 0;

      if (!query_int (self,
                      "SELECT (SELECT count(*) FROM statement_topic st "
                      "        JOIN statement s ON s.id = st.statement_id "
                      "        JOIN article a ON a.id = s.article_id "
                      "        WHERE st.side IS NOT s.side OR st.sort_key != s.sort_key "
                      "          OR st.review != s.review OR st.outlet IS NOT a.outlet "
                      "          OR st.language IS NOT a.language)"
                      "     + (SELECT count(*) FROM "
                      "         (SELECT topic, side, review, outlet, language, n "
                      "          FROM comparison_cell WHERE n != 0 "
                      "          EXCEPT SELECT topic, side, review, IFNULL (outlet, char (31)), "
                      "            IFNULL (language, char (31)), count(*) FROM statement_topic "
                      "          WHERE side IS NOT NULL GROUP BY 1, 2, 3, 4, 5))"
                      "     + (SELECT count(*) FROM "
                      "         (SELECT topic, side, review, IFNULL (outlet, char (31)), "
                      "            IFNULL (language, char (31)), count(*) FROM statement_topic "
                      "          WHERE side IS NOT NULL GROUP BY 1, 2, 3, 4, 5 "
                      "          EXCEPT SELECT topic, side, review, outlet, language, n "
                      "          FROM comparison_cell))",
                      &n_wrong, op, error))
        return FALSE;
      if (n_wrong != 0)
        {
          g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY,
                       _("The library “%s” is damaged: %lld comparison counts are wrong"),
                       self->path, (long long) n_wrong);
          return FALSE;
        }
    }
  return TRUE;
}

/* Public API */

/**
 * tp_store_open:
 * @path: the library file; it and its folder are created when missing
 * @error: return location for a #GError
 *
 * Opens the library at @path and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 *   (%TP_STORE_ERROR_NOT_LIBRARY for a foreign or damaged file,
 *   %TP_STORE_ERROR_TOO_NEW for a library from a newer Triptych)
 */
TpStore *
tp_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _tp_store_open_full (path, TP_STORE_SCHEMA_VERSION, error);
}

/**
 * tp_store_get_path:
 * @self: a store
 *
 * Returns: the library file's path
 */
const char *
tp_store_get_path (TpStore *self)
{
  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  return self->path;
}

/**
 * tp_store_get_schema_version:
 * @self: a store
 *
 * Returns: the schema version of the open file
 */
guint
tp_store_get_schema_version (TpStore *self)
{
  g_return_val_if_fail (TP_IS_STORE (self), 0);

  return self->schema_version;
}

/* Batches */

/**
 * tp_store_begin_batch:
 * @self: a store
 * @error: return location for a #GError
 *
 * Starts a batch: the writes that follow share one transaction until
 * tp_store_commit_batch(), which makes bulk imports much faster (fewer
 * commits, fewer small full-text segments). An article refused inside the
 * batch (a duplicate, a statement outside its text) leaves nothing behind
 * and the batch goes on; if SQLite itself fails (disk full, say), the whole
 * batch is rolled back and tp_store_commit_batch() says why. Nothing in the
 * batch is saved before the commit, and other programs wait to write while
 * a batch is open, so commit every few thousand articles or every few
 * seconds.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_begin_batch (TpStore  *self,
                      GError  **error)
{
  const char *op = _("start saving articles");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  stmt = _tp_store_prepare (self, "BEGIN IMMEDIATE", op, error);
  if (stmt == NULL || !_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  g_hash_table_remove_all (self->pending_cells);
  forget_topics (self);
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  if (!load_vocabulary (self, op, error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  self->in_batch = TRUE;
  g_clear_pointer (&self->batch_error, g_free);
  return TRUE;
}

/**
 * tp_store_commit_batch:
 * @self: a store
 * @error: return location for a #GError
 *
 * Saves everything written since tp_store_begin_batch(). On failure
 * nothing of the batch is saved.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_commit_batch (TpStore  *self,
                       GError  **error)
{
  const char *op = _("save the articles");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  if (self->batch_error != NULL)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_FAILED,
                   _("Could not %s in “%s”: %s"), op, self->path, self->batch_error);
      g_clear_pointer (&self->batch_error, g_free);
      _tp_store_rollback (self);
      return FALSE;
    }
  if (!flush_topics (self, op, error) || !flush_cells (self, op, error)
      || !flush_vocabulary (self, op, error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  stmt = _tp_store_prepare (self, "COMMIT", op, error);
  if (stmt != NULL && _tp_store_step_done (self, stmt, op, error))
    return TRUE;
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  _tp_store_rollback (self);
  return FALSE;
}

/**
 * tp_store_rollback_batch:
 * @self: a store
 *
 * Drops everything written since tp_store_begin_batch().
 */
void
tp_store_rollback_batch (TpStore *self)
{
  g_return_if_fail (TP_IS_STORE (self));
  g_return_if_fail (self->in_batch);

  self->in_batch = FALSE;
  g_clear_pointer (&self->batch_error, g_free);
  _tp_store_rollback (self);
}

/* Articles */

static gboolean
next_id (TpStore     *self,
         const char  *table_sql,
         gint64      *out_id,
         const char  *operation,
         GError     **error)
{
  gint64 seq = 0;

  if (!query_int (self, table_sql, &seq, operation, error))
    return FALSE;
  if (seq + 1 > G_GINT64_CONSTANT (0xffffffff))
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_FAILED,
                   _("Could not %s: the library is full"), operation);
      return FALSE;
    }
  *out_id = seq + 1;
  return TRUE;
}

#define NEXT_ARTICLE_ID_SQL \
  "SELECT IFNULL ((SELECT seq FROM sqlite_sequence WHERE name = 'article'), 0)"
#define NEXT_STATEMENT_ID_SQL \
  "SELECT IFNULL ((SELECT seq FROM sqlite_sequence WHERE name = 'statement'), 0)"

static gboolean
check_span (const char   *body,
            glong         body_len,
            TpStatement  *statement,
            GError      **error)
{
  if (statement->start < 0 || statement->end < statement->start || statement->end > body_len)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID,
                   _("The statement’s span %lld–%lld lies outside its article (%ld characters)"),
                   (long long) statement->start, (long long) statement->end, body_len);
      return FALSE;
    }
  return TRUE;
}

/* Inserts one statement of @article_id (already in the table) inside the
 * caller's transaction, and sets its id. */
static gboolean
insert_statement (TpStore      *self,
                  gint64        id,
                  gint64        article_id,
                  const char   *outlet,
                  const char   *language,
                  const char   *article_date,
                  const char   *body,
                  glong         body_len,
                  TpStatement  *statement,
                  gboolean      manual,
                  GError      **error)
{
  const char *op = _("save the statement");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dated = NULL;

  if (!check_span (body, body_len, statement, error))
    return FALSE;

  text = g_strdup (statement->text);
  if (text == NULL || *text == '\0')
    {
      const char *from = g_utf8_offset_to_pointer (body, (glong) statement->start);
      const char *to = g_utf8_offset_to_pointer (body, (glong) statement->end);

      g_free (text);
      text = g_strndup (from, to - from);
    }
  if (*text == '\0')
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID,
                   _("A statement needs some text"));
      return FALSE;
    }

  dated = pick_date (statement->said_on, article_date, NULL);

  stmt = _tp_store_prepare (self,
                            "INSERT INTO statement (id, sort_key, article_id, kind, text, "
                            "  start_char, end_char, speaker, actor_key, actor, side, cue, "
                            "  said_on, dated, confidence, review, manual) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                            "  ?14, ?15, ?16, ?17)",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, make_sort_key (julian_day (dated), id));
  sqlite3_bind_int64 (stmt, 3, article_id);
  bind_text (stmt, 4, tp_statement_kind_to_string (statement->kind));
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, statement->start);
  sqlite3_bind_int64 (stmt, 7, statement->end);
  bind_text (stmt, 8, statement->speaker);
  bind_text (stmt, 9, statement->actor_key);
  bind_text (stmt, 10, statement->actor);
  bind_text (stmt, 11, statement->side);
  bind_text (stmt, 12, statement->cue);
  bind_text (stmt, 13, julian_day (statement->said_on) ? statement->said_on : NULL);
  bind_text (stmt, 14, dated);
  sqlite3_bind_double (stmt, 15, statement->confidence);
  bind_text (stmt, 16, tp_review_status_to_string (statement->review));
  sqlite3_bind_int (stmt, 17, manual || statement->manual);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  /* Before schema 3 a trigger indexed the row. */
  if (self->schema_version >= 3)
    {
      stmt = _tp_store_prepare (self,
                                "INSERT INTO statement_fts (rowid, text, speaker) VALUES (?1, ?2, ?3)",
                                op, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, make_sort_key (julian_day (dated), id));
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      bind_text (stmt, 3, statement->speaker);
      if (!_tp_store_step_done (self, stmt, op, error))
        return FALSE;
      g_clear_pointer (&stmt, _tp_store_stmt_release);
    }

  for (guint i = 0; statement->topics != NULL && i < statement->topics->len; i++)
    {
      const char *topic = g_ptr_array_index (statement->topics, i);
      const char *review = tp_review_status_to_string (statement->review);
      gint64 sort_key = make_sort_key (julian_day (dated), id);

      if (self->schema_version >= 5 && self->in_batch)
        defer_topic (self, id, topic, (int) i, statement->side, sort_key, review, outlet,
                     language);
      else if (self->schema_version >= 5)
        {
          if (!insert_topic (self, id, topic, (int) i, statement->side, sort_key, review, outlet,
                             language, op, error))
            return FALSE;
        }
      else
        {
          stmt = _tp_store_prepare (self,
                                    "INSERT OR IGNORE INTO statement_topic (statement_id, topic, "
                                    "  position) "
                                    "VALUES (?1, ?2, ?3)",
                                    op, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          bind_text (stmt, 2, topic);
          sqlite3_bind_int (stmt, 3, (int) i);
          if (!_tp_store_step_done (self, stmt, op, error))
            return FALSE;
          g_clear_pointer (&stmt, _tp_store_stmt_release);
        }
    }

  statement->id = id;
  statement->article_id = article_id;
  if (manual)
    statement->manual = TRUE;
  return TRUE;
}

static gboolean
find_duplicate (TpStore     *self,
                TpArticle   *article,
                const char  *hash,
                gint64      *out_id,
                GError     **error)
{
  const char *op = _("look for the article in the library");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  stmt = _tp_store_prepare (self,
                            "SELECT id FROM article WHERE content_hash = ?2 "
                            "UNION ALL SELECT id FROM article WHERE url = ?1 LIMIT 1",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, article->url);
  bind_text (stmt, 2, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_id = 0;
  else
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_add_article:
 * @self: a store
 * @article: the article; its @id and @imported are set on success
 * @statements: (element-type TpStatement) (nullable): its statements; their
 *   @id and @article_id are set on success
 * @out_id: (out) (optional): the new article's id, or on
 *   %TP_STORE_ERROR_DUPLICATE the id of the article already stored
 * @error: return location for a #GError
 *
 * Stores an article and its statements in one transaction: either all of
 * it is stored or nothing is. An article whose URL or content hash is
 * already in the library is not stored again: the call fails with
 * %TP_STORE_ERROR_DUPLICATE and sets @out_id to the stored one.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_article (TpStore     *self,
                      TpArticle   *article,
                      GPtrArray   *statements,
                      gint64      *out_id,
                      GError     **error)
{
  const char *op = _("save the article");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *dated = NULL;
  g_autofree char *captions = NULL;
  gint64 existing = 0;
  gint64 id = 0;
  glong body_len;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (article != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_id != NULL)
    *out_id = 0;

  if (article->body == NULL || *article->body == '\0'
      || !g_utf8_validate (article->body, -1, NULL))
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID,
                   _("The article has no text to store"));
      return FALSE;
    }

  hash = article->content_hash ? g_strdup (article->content_hash)
                               : tp_article_compute_hash (article->body);
  imported = _tp_store_now ();
  dated = pick_date (article->published, imported, NULL);
  body_len = g_utf8_strlen (article->body, -1);
  if (article->captions != NULL && article->captions->len > 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;

      for (guint i = 0; i < article->captions->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (article->captions, i));
      parts = g_strv_builder_end (builder);
      captions = g_strjoinv (CAPTION_SEPARATOR, parts);
    }

  /* Refuse bad statements before writing anything (see _tp_store_begin). */
  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);

      if (!check_span (article->body, body_len, s, error))
        return FALSE;
      if ((s->text == NULL || *s->text == '\0') && s->start == s->end)
        {
          g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID,
                       _("A statement needs some text"));
          return FALSE;
        }
    }

  if (!begin_operation (self, TRUE, op, error))
    return FALSE;

  if (!find_duplicate (self, article, hash, &existing, error))
    goto fail;
  if (existing != 0)
    {
      _tp_store_rollback (self);
      if (out_id != NULL)
        *out_id = existing;
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE,
                   _("The article is already in the library (article %lld)"),
                   (long long) existing);
      return FALSE;
    }

  if (!next_id (self, NEXT_ARTICLE_ID_SQL, &id, op, error))
    goto fail;

  stmt = _tp_store_prepare (self,
                            "INSERT INTO article (id, sort_key, url, source_path, content_hash, "
                            "  outlet, title, author, language, published, imported, origin, "
                            "  body, captions) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                            op, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, make_sort_key (julian_day (dated), id));
  bind_text (stmt, 3, article->url);
  bind_text (stmt, 4, article->source_path);
  bind_text (stmt, 5, hash);
  bind_text (stmt, 6, article->outlet);
  bind_text (stmt, 7, article->title);
  bind_text (stmt, 8, article->author);
  bind_text (stmt, 9, article->language);
  bind_text (stmt, 10, article->published);
  bind_text (stmt, 11, imported);
  bind_text (stmt, 12, tp_origin_to_string (article->origin));
  sqlite3_bind_text (stmt, 13, article->body, -1, SQLITE_STATIC);
  bind_text (stmt, 14, captions);
  if (!_tp_store_step_done (self, stmt, op, error))
    goto fail;
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  /* Before schema 3 a trigger indexed the row. */
  if (self->schema_version >= 3)
    {
      stmt = _tp_store_prepare (self,
                                "INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
                                op, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, make_sort_key (julian_day (dated), id));
      bind_text (stmt, 2, article->title);
      sqlite3_bind_text (stmt, 3, article->body, -1, SQLITE_STATIC);
      if (!_tp_store_step_done (self, stmt, op, error))
        goto fail;
      g_clear_pointer (&stmt, _tp_store_stmt_release);
    }

  if (statements != NULL && statements->len > 0)
    {
      gint64 statement_id;

      /* Ids are allocated in the write transaction, one query per article. */
      if (!next_id (self, NEXT_STATEMENT_ID_SQL, &statement_id, op, error))
        goto fail;
      for (guint i = 0; i < statements->len; i++)
        if (!insert_statement (self, statement_id + i, id, article->outlet, article->language,
                               dated, article->body, body_len,
                               g_ptr_array_index (statements, i), FALSE, error))
          goto fail;
    }

  if (!_tp_store_commit (self, op, error))
    goto unset;

  article->id = id;
  g_free (article->imported);
  article->imported = g_steal_pointer (&imported);
  if (article->content_hash == NULL)
    article->content_hash = g_steal_pointer (&hash);
  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  _tp_store_rollback (self);
unset:
  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);

      s->id = 0;
      s->article_id = 0;
    }
  return FALSE;
}

/**
 * tp_store_get_article:
 * @self: a store
 * @article_id: an article id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the article with its body and captions, or
 *   %NULL with %TP_STORE_ERROR_NOT_FOUND
 */
TpArticle *
tp_store_get_article (TpStore     *self,
                      gint64       article_id,
                      GError     **error)
{
  const char *op = _("read the article");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  stmt = _tp_store_prepare (self,
                            "SELECT " ARTICLE_COLUMNS ", a.body, a.captions "
                            "FROM article a WHERE a.id = ?1",
                            op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_article (stmt, TRUE);
  if (rc == SQLITE_DONE)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("Article %lld is not in the library"), (long long) article_id);
  else
    _tp_store_set_error (self, error, op);
  return NULL;
}

/* Filter building: SQL text plus the values to bind, in order. */

typedef struct
{
  GString   *where;
  GPtrArray *texts;   /* owned strings, or NULL entries for integers */
  GArray    *ints;
} Binds;

static void
binds_init (Binds *b)
{
  b->where = g_string_new (NULL);
  b->texts = g_ptr_array_new_with_free_func (g_free);
  b->ints = g_array_new (FALSE, TRUE, sizeof (gint64));
}

static void
binds_clear (Binds *b)
{
  if (b->where != NULL)
    g_string_free (b->where, TRUE);
  g_clear_pointer (&b->texts, g_ptr_array_unref);
  g_clear_pointer (&b->ints, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Binds, binds_clear)

static void
binds_add_text (Binds      *b,
                const char *clause,
                const char *value)
{
  gint64 zero = 0;

  g_string_append_printf (b->where, " AND %s", clause);
  g_ptr_array_add (b->texts, g_strdup (value));
  g_array_append_val (b->ints, zero);
}

static void
binds_add_int (Binds      *b,
               const char *clause,
               gint64      value)
{
  g_string_append_printf (b->where, " AND %s", clause);
  g_ptr_array_add (b->texts, NULL);
  g_array_append_val (b->ints, value);
}

/* Binds the values from parameter @first on; returns the next index. */
static int
binds_apply_at (Binds        *b,
                sqlite3_stmt *stmt,
                int           first)
{
  guint i;

  for (i = 0; i < b->texts->len; i++)
    {
      const char *text = g_ptr_array_index (b->texts, i);

      if (text != NULL)
        sqlite3_bind_text (stmt, (int) i + first, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, (int) i + first, g_array_index (b->ints, gint64, i));
    }
  return (int) i + first;
}

static int
binds_apply (Binds        *b,
             sqlite3_stmt *stmt)
{
  return binds_apply_at (b, stmt, 1);
}

/* Adds the date range as a sort_key range, which the unique index serves. */
static gboolean
binds_add_date_range (Binds       *b,
                      const char  *column,
                      const char  *from,
                      const char  *until,
                      GError     **error)
{
  g_autofree char *lower = g_strdup_printf ("%s >= ?", column);
  g_autofree char *upper = g_strdup_printf ("%s < ?", column);

  if (!check_date_arg (from, error) || !check_date_arg (until, error))
    return FALSE;
  if (from != NULL)
    binds_add_int (b, lower, make_sort_key (julian_day (from), 0));
  if (until != NULL)
    binds_add_int (b, upper, make_sort_key (julian_day (until) + 1, 0));
  return TRUE;
}

/* Returns FALSE with no error when the query has no searchable word: the
 * result is then empty, not an error. */
static gboolean
binds_add_article_filter (Binds                 *b,
                          const TpArticleFilter *filter,
                          gboolean              *empty,
                          GError               **error)
{
  *empty = FALSE;
  if (filter == NULL)
    return TRUE;

  if (filter->query != NULL)
    {
      g_autofree char *fts = _tp_store_build_fts_query (filter->query);

      if (fts == NULL)
        {
          *empty = TRUE;
          return TRUE;
        }
      binds_add_text (b, "article_fts MATCH ?", fts);
    }
  if (filter->outlet != NULL)
    binds_add_text (b, "a.outlet = ?", filter->outlet);
  if (filter->language != NULL)
    binds_add_text (b, "a.language = ?", filter->language);
  if (filter->feed_id != 0)
    binds_add_int (b, "a.feed_id = ?", filter->feed_id);
  return binds_add_date_range (b, "a.sort_key", filter->date_from, filter->date_until, error);
}

/* The query listing (@columns, newest first, paged: two more parameters
 * for LIMIT and OFFSET) or counting (@columns "count(*)") the articles
 * @filter selects, with its values added to @b. Returns %NULL with
 * @empty set when the filter's query holds no searchable word, and
 * %NULL with @error set on a bad filter. */
static char *
build_article_query (Binds                 *b,
                     const TpArticleFilter *filter,
                     const char            *columns,
                     gboolean               paged,
                     gboolean              *empty,
                     GError               **error)
{
  gboolean fts = filter != NULL && filter->query != NULL;

  binds_init (b);
  if (!binds_add_article_filter (b, filter, empty, error) || *empty)
    return NULL;
  /* A search walks the FTS index, whose rowid is the article's sort_key. */
  return g_strdup_printf ("SELECT %s FROM %s WHERE 1%s%s", columns,
                          fts ? "article_fts JOIN article a ON a.sort_key = article_fts.rowid"
                              : "article a",
                          b->where->str,
                          !paged ? ""
                          : fts ? " ORDER BY article_fts.rowid DESC LIMIT ? OFFSET ?"
                                : " ORDER BY a.sort_key DESC LIMIT ? OFFSET ?");
}

static gboolean
count_sides (TpStore           *self,
             TpArticleSummary  *summary,
             GError           **error)
{
  const char *op = _("count the article’s statements");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  stmt = _tp_store_prepare (self,
                            "SELECT side, count(*) FROM statement "
                            "WHERE article_id = ?1 AND review != 'rejected' GROUP BY side",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, summary->article->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *side = (const char *) sqlite3_column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int (stmt, 1);

      summary->n_statements += n;
      if (side != NULL)
        g_hash_table_insert (summary->side_counts, g_strdup (side), GUINT_TO_POINTER (n));
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_list_articles:
 * @self: a store
 * @filter: (nullable): what to list; %NULL lists everything
 * @offset: rows to skip
 * @limit: rows to return at most; 0 means all
 * @error: return location for a #GError
 *
 * Lists articles newest first (by publication date, else import date),
 * without their bodies, with their statement counts per side.
 *
 * Returns: (transfer container) (element-type TpArticleSummary): the rows,
 *   or %NULL with @error set
 */
GPtrArray *
tp_store_list_articles (TpStore               *self,
                        const TpArticleFilter *filter,
                        guint                  offset,
                        guint                  limit,
                        GError               **error)
{
  const char *op = _("list the articles");
  g_auto(Binds) b = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean empty;
  int idx, rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_article_summary_unref);
  sql = build_article_query (&b, filter, ARTICLE_COLUMNS, TRUE, &empty, error);
  if (sql == NULL)
    return empty ? g_steal_pointer (&rows) : NULL;

  stmt = _tp_store_prepare (self, sql, op, error);
  if (stmt == NULL)
    return NULL;
  idx = binds_apply (&b, stmt);
  sqlite3_bind_int64 (stmt, idx, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, idx + 1, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TpArticle) article = read_article (stmt, FALSE);

      g_ptr_array_add (rows, tp_article_summary_new (article));
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  for (guint i = 0; i < rows->len; i++)
    if (!count_sides (self, g_ptr_array_index (rows, i), error))
      return NULL;

  return g_steal_pointer (&rows);
}

/**
 * tp_store_count_articles:
 * @self: a store
 * @filter: (nullable): what to count
 * @error: return location for a #GError
 *
 * Returns: the number of articles @filter selects, or -1 with @error set
 */
gint64
tp_store_count_articles (TpStore               *self,
                         const TpArticleFilter *filter,
                         GError               **error)
{
  const char *op = _("count the articles");
  g_auto(Binds) b = { 0 };
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean empty;

  g_return_val_if_fail (TP_IS_STORE (self), -1);

  sql = build_article_query (&b, filter, "count(*)", FALSE, &empty, error);
  if (sql == NULL)
    return empty ? 0 : -1;

  stmt = _tp_store_prepare (self, sql, op, error);
  if (stmt == NULL)
    return -1;
  binds_apply (&b, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static GStrv
list_strings (TpStore     *self,
              const char  *sql,
              const char  *operation,
              GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = _tp_store_prepare (self, sql, operation, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, operation);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * tp_store_list_outlets:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the outlets of the stored articles, sorted
 */
GStrv
tp_store_list_outlets (TpStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  return list_strings (self,
                       "SELECT DISTINCT outlet FROM article WHERE outlet IS NOT NULL "
                       "ORDER BY outlet COLLATE NOCASE",
                       _("list the outlets"), error);
}

/**
 * tp_store_list_languages:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the languages of the stored articles, sorted
 */
GStrv
tp_store_list_languages (TpStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  return list_strings (self,
                       "SELECT DISTINCT language FROM article WHERE language IS NOT NULL "
                       "ORDER BY language",
                       _("list the languages"), error);
}

static gboolean
exec_by_id (TpStore     *self,
            const char  *sql,
            gint64       id,
            const char  *operation,
            const char  *not_found,
            GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = _tp_store_prepare (self, sql, operation, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tp_store_step_done (self, stmt, operation, error))
    return FALSE;
  if (not_found != NULL && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND, not_found, (long long) id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_delete_article:
 * @self: a store
 * @article_id: an article id
 * @error: return location for a #GError
 *
 * Deletes an article with its statements, their tags and notes.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_article (TpStore     *self,
                         gint64       article_id,
                         GError     **error)
{
  const char *op = _("delete the article");

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!exec_by_id (self, "DELETE FROM article WHERE id = ?1", article_id, op,
                   _("Article %lld is not in the library"), error))
    {
      _tp_store_rollback (self);
      return FALSE;
    }
  return _tp_store_commit (self, op, error);
}

/**
 * tp_store_set_article_feed:
 * @self: a store
 * @article_id: an article id
 * @feed_id: the feed it came from, or 0 for none
 * @error: return location for a #GError
 *
 * Records which feed an article came from.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_set_article_feed (TpStore     *self,
                           gint64       article_id,
                           gint64       feed_id,
                           GError     **error)
{
  const char *op = _("link the article to its feed");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  stmt = _tp_store_prepare (self, "UPDATE article SET feed_id = ?2 WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  if (feed_id != 0)
    sqlite3_bind_int64 (stmt, 2, feed_id);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Article %lld is not in the library"), (long long) article_id);
      return FALSE;
    }
  return TRUE;
}

/* Statements */

static gboolean
binds_add_statement_filter (Binds                   *b,
                            const TpStatementFilter *filter,
                            gboolean                *empty,
                            GError                 **error)
{
  *empty = FALSE;
  if (filter == NULL)
    return TRUE;

  if (filter->query != NULL)
    {
      g_autofree char *fts = _tp_store_build_fts_query (filter->query);

      if (fts == NULL)
        {
          *empty = TRUE;
          return TRUE;
        }
      binds_add_text (b, "statement_fts MATCH ?", fts);
    }
  if (filter->side != NULL && *filter->side == '\0')
    g_string_append (b->where, " AND s.side IS NULL");
  else if (filter->side != NULL)
    binds_add_text (b, "s.side = ?", filter->side);
  if (filter->topic != NULL)
    binds_add_text (b, "s.id IN (SELECT statement_id FROM statement_topic WHERE topic = ?)",
                    filter->topic);
  if (filter->actor != NULL)
    binds_add_text (b, "s.actor_key = ?", filter->actor);
  if (filter->article_id != 0)
    binds_add_int (b, "s.article_id = ?", filter->article_id);
  if (filter->outlet != NULL)
    binds_add_text (b, "a.outlet = ?", filter->outlet);
  if (filter->language != NULL)
    binds_add_text (b, "a.language = ?", filter->language);
  if (filter->tag != NULL)
    binds_add_text (b, "s.id IN (SELECT st.statement_id FROM statement_tag st "
                       "JOIN tag t ON t.id = st.tag_id WHERE t.name = ?)", filter->tag);
  if (filter->starred_only)
    g_string_append (b->where, " AND s.starred");
  if (filter->review_mask != 0)
    {
      gboolean first = TRUE;

      g_string_append (b->where, " AND s.review IN (");
      for (TpReviewStatus r = TP_REVIEW_AUTO; r <= TP_REVIEW_REJECTED; r++)
        if (filter->review_mask & TP_REVIEW_MASK (r))
          {
            g_string_append_printf (b->where, "%s'%s'", first ? "" : ", ",
                                    tp_review_status_to_string (r));
            first = FALSE;
          }
      if (first)
        g_string_append (b->where, "NULL");
      g_string_append_c (b->where, ')');
    }
  return binds_add_date_range (b, "s.sort_key", filter->date_from, filter->date_until, error);
}

/* As build_article_query(), for statements with their articles. */
static char *
build_statement_query (Binds                   *b,
                       const TpStatementFilter *filter,
                       const char              *columns,
                       gboolean                 paged,
                       gboolean                *empty,
                       GError                 **error)
{
  gboolean fts = filter != NULL && filter->query != NULL;

  binds_init (b);
  if (!binds_add_statement_filter (b, filter, empty, error) || *empty)
    return NULL;
  return g_strdup_printf ("SELECT %s FROM %s JOIN article a ON a.id = s.article_id WHERE 1%s%s",
                          columns,
                          fts ? "statement_fts JOIN statement s ON s.sort_key = statement_fts.rowid"
                              : "statement s",
                          b->where->str,
                          !paged ? ""
                          : fts ? " ORDER BY statement_fts.rowid DESC LIMIT ? OFFSET ?"
                                : " ORDER BY s.sort_key DESC LIMIT ? OFFSET ?");
}

/**
 * tp_store_list_statements:
 * @self: a store
 * @filter: (nullable): what to list; %NULL lists everything
 * @offset: rows to skip
 * @limit: rows to return at most; 0 means all
 * @error: return location for a #GError
 *
 * Lists statements newest first (by the date said, else the article's).
 *
 * Returns: (transfer container) (element-type TpStatement): the statements,
 *   or %NULL with @error set
 */
GPtrArray *
tp_store_list_statements (TpStore                 *self,
                          const TpStatementFilter *filter,
                          guint                    offset,
                          guint                    limit,
                          GError                 **error)
{
  const char *op = _("list the statements");
  g_auto(Binds) b = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean empty;
  int idx, rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  if (!sync_topics (self, op, error))
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  sql = build_statement_query (&b, filter, STATEMENT_COLUMNS, TRUE, &empty, error);
  if (sql == NULL)
    return empty ? g_steal_pointer (&rows) : NULL;

  stmt = _tp_store_prepare (self, sql, op, error);
  if (stmt == NULL)
    return NULL;
  idx = binds_apply (&b, stmt);
  sqlite3_bind_int64 (stmt, idx, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, idx + 1, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_statement (stmt));
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * tp_store_count_statements:
 * @self: a store
 * @filter: (nullable): what to count
 * @error: return location for a #GError
 *
 * Returns: the number of statements @filter selects, or -1 with @error set
 */
gint64
tp_store_count_statements (TpStore                 *self,
                           const TpStatementFilter *filter,
                           GError                 **error)
{
  const char *op = _("count the statements");
  g_auto(Binds) b = { 0 };
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean empty;

  g_return_val_if_fail (TP_IS_STORE (self), -1);

  if (!sync_topics (self, op, error))
    return -1;
  sql = build_statement_query (&b, filter, "count(*)", FALSE, &empty, error);
  if (sql == NULL)
    return empty ? 0 : -1;

  stmt = _tp_store_prepare (self, sql, op, error);
  if (stmt == NULL)
    return -1;
  binds_apply (&b, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * tp_store_get_statement:
 * @self: a store
 * @statement_id: a statement id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the statement, or %NULL with
 *   %TP_STORE_ERROR_NOT_FOUND
 */
TpStatement *
tp_store_get_statement (TpStore     *self,
                        gint64       statement_id,
                        GError     **error)
{
  const char *op = _("read the statement");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  if (!sync_topics (self, op, error))
    return NULL;
  stmt = _tp_store_prepare (self, "SELECT " STATEMENT_COLUMNS " FROM statement s WHERE s.id = ?1",
                            op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_statement (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("Statement %lld is not in the library"), (long long) statement_id);
  else
    _tp_store_set_error (self, error, op);
  return NULL;
}

static gboolean
same_topics (TpStatement *a,
             TpStatement *b)
{
  guint na = a->topics ? a->topics->len : 0;
  guint nb = b->topics ? b->topics->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!tp_statement_has_topic (b, g_ptr_array_index (a->topics, i)))
      return FALSE;
  return TRUE;
}

static gboolean
write_topics (TpStore      *self,
              TpStatement  *statement,
              const char   *op,
              GError      **error)
{
  if (!exec_by_id (self, "DELETE FROM statement_topic WHERE statement_id = ?1",
                   statement->id, op, NULL, error))
    return FALSE;
  for (guint i = 0; statement->topics != NULL && i < statement->topics->len; i++)
    {
      g_autoptr(TpStoreStmt) stmt = NULL;

      /* The copies of the statement's columns come from its row as it is
       * now; later changes reach them through statement_topic_follow. */
      stmt = _tp_store_prepare (self,
                                self->schema_version >= 5
                                ? "INSERT OR IGNORE INTO statement_topic (statement_id, topic, "
                                  "  position, side, sort_key, review, outlet, language) "
                                  "SELECT ?1, ?2, ?3, s.side, s.sort_key, s.review, a.outlet, "
                                  "  a.language "
                                  "FROM statement s JOIN article a ON a.id = s.article_id "
                                  "WHERE s.id = ?1"
                                : "INSERT OR IGNORE INTO statement_topic (statement_id, topic, position) "
                                  "VALUES (?1, ?2, ?3)",
                                op, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, statement->id);
      bind_text (stmt, 2, g_ptr_array_index (statement->topics, i));
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!_tp_store_step_done (self, stmt, op, error))
        return FALSE;
      if (self->schema_version >= 5 && sqlite3_changes (self->db) == 1)
        {
          g_clear_pointer (&stmt, _tp_store_stmt_release);
          stmt = _tp_store_prepare (self,
                                    "INSERT INTO comparison_cell (topic, side, review, outlet, "
                                    "  language, n) "
                                    "SELECT topic, side, review, IFNULL (outlet, char (31)), "
                                    "  IFNULL (language, char (31)), 1 FROM statement_topic "
                                    "WHERE statement_id = ?1 AND topic = ?2 AND side IS NOT NULL "
                                    "ON CONFLICT (topic, side, review, outlet, language) "
                                    "DO UPDATE SET n = n + 1",
                                    op, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, statement->id);
          bind_text (stmt, 2, g_ptr_array_index (statement->topics, i));
          if (!_tp_store_step_done (self, stmt, op, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
get_article_date (TpStore     *self,
                  gint64       article_id,
                  char       **out_date,
                  char       **out_body,
                  char       **out_outlet,
                  char       **out_language,
                  const char  *op,
                  GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  stmt = _tp_store_prepare (self,
                            "SELECT published, imported, body, outlet, language FROM article "
                            "WHERE id = ?1",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Article %lld is not in the library"), (long long) article_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  *out_date = pick_date ((const char *) sqlite3_column_text (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 1), NULL);
  if (out_body != NULL)
    *out_body = column_dup (stmt, 2);
  if (out_outlet != NULL)
    *out_outlet = column_dup (stmt, 3);
  if (out_language != NULL)
    *out_language = column_dup (stmt, 4);
  return TRUE;
}

/**
 * tp_store_update_statement:
 * @self: a store
 * @statement: the statement with its new values; @id names the row
 * @error: return location for a #GError
 *
 * Writes a statement's kind, speaker, actor, side, topics, date said and
 * review status. When a journalist changes any of these by hand and leaves
 * the review status as it was (or at auto), the statement becomes
 * %TP_REVIEW_EDITED, and @statement->review is updated to say so; an
 * explicit new status (confirmed, rejected) is kept as given.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_update_statement (TpStore      *self,
                           TpStatement  *statement,
                           GError      **error)
{
  const char *op = _("save the statement");
  g_autoptr(TpStatement) old = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *article_date = NULL;
  g_autofree char *dated = NULL;
  TpReviewStatus review;
  gboolean changed;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (statement != NULL, FALSE);

  if (statement->said_on != NULL && !check_date_arg (statement->said_on, error))
    return FALSE;
  if (!_tp_store_begin (self, op, error))
    return FALSE;

  old = tp_store_get_statement (self, statement->id, error);
  if (old == NULL
      || !get_article_date (self, old->article_id, &article_date, NULL, NULL, NULL, op, error))
    goto fail;

  changed = old->kind != statement->kind
            || g_strcmp0 (old->speaker, statement->speaker) != 0
            || g_strcmp0 (old->actor_key, statement->actor_key) != 0
            || g_strcmp0 (old->actor, statement->actor) != 0
            || g_strcmp0 (old->side, statement->side) != 0
            || g_strcmp0 (old->said_on, statement->said_on) != 0
            || !same_topics (old, statement);

  review = statement->review;
  if (changed && (review == old->review || review == TP_REVIEW_AUTO))
    review = TP_REVIEW_EDITED;

  dated = pick_date (statement->said_on, article_date, NULL);
  stmt = _tp_store_prepare (self,
                            "UPDATE statement SET kind = ?2, speaker = ?3, actor_key = ?4, "
                            "  actor = ?5, side = ?6, said_on = ?7, dated = ?8, review = ?9, "
                            "  sort_key = ?10 "
                            "WHERE id = ?1",
                            op, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, statement->id);
  bind_text (stmt, 2, tp_statement_kind_to_string (statement->kind));
  bind_text (stmt, 3, statement->speaker);
  bind_text (stmt, 4, statement->actor_key);
  bind_text (stmt, 5, statement->actor);
  bind_text (stmt, 6, statement->side);
  bind_text (stmt, 7, statement->said_on);
  bind_text (stmt, 8, dated);
  bind_text (stmt, 9, tp_review_status_to_string (review));
  sqlite3_bind_int64 (stmt, 10, make_sort_key (julian_day (dated), statement->id));
  if (!_tp_store_step_done (self, stmt, op, error))
    goto fail;
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  if (!same_topics (old, statement) && !write_topics (self, statement, op, error))
    goto fail;

  if (!_tp_store_commit (self, op, error))
    return FALSE;
  statement->review = review;
  statement->article_id = old->article_id;
  return TRUE;

fail:
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  _tp_store_rollback (self);
  return FALSE;
}

/**
 * tp_store_set_statement_review:
 * @self: a store
 * @statement_id: a statement id
 * @review: its new review status
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_set_statement_review (TpStore         *self,
                               gint64           statement_id,
                               TpReviewStatus   review,
                               GError         **error)
{
  const char *op = _("save the review status");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (review <= TP_REVIEW_REJECTED, FALSE);

  stmt = _tp_store_prepare (self, "UPDATE statement SET review = ?2 WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  bind_text (stmt, 2, tp_review_status_to_string (review));
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Statement %lld is not in the library"), (long long) statement_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_add_statement:
 * @self: a store
 * @article_id: the article the statement is in
 * @statement: the statement; @start and @end must lie in the article's
 *   body; @text defaults to that span. Its @id, @article_id and @manual are
 *   set on success.
 * @out_id: (out) (optional): the new statement's id
 * @error: return location for a #GError
 *
 * Adds a statement made by hand. It is marked manual, so re-analysis
 * (tp_store_replace_statements()) never replaces it.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_statement (TpStore      *self,
                        gint64        article_id,
                        TpStatement  *statement,
                        gint64       *out_id,
                        GError      **error)
{
  const char *op = _("add the statement");
  g_autofree char *article_date = NULL;
  g_autofree char *body = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *language = NULL;
  gint64 statement_id = 0;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (statement != NULL, FALSE);

  if (statement->said_on != NULL && !check_date_arg (statement->said_on, error))
    return FALSE;
  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!get_article_date (self, article_id, &article_date, &body, &outlet, &language, op, error)
      || !next_id (self, NEXT_STATEMENT_ID_SQL, &statement_id, op, error)
      || !insert_statement (self, statement_id, article_id, outlet, language, article_date, body,
                            g_utf8_strlen (body, -1), statement, TRUE, error))
    {
      _tp_store_rollback (self);
      statement->id = 0;
      return FALSE;
    }
  if (!_tp_store_commit (self, op, error))
    {
      statement->id = 0;
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = statement->id;
  return TRUE;
}

/**
 * tp_store_delete_statement:
 * @self: a store
 * @statement_id: a statement id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_statement (TpStore     *self,
                           gint64       statement_id,
                           GError     **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  return exec_by_id (self, "DELETE FROM statement WHERE id = ?1", statement_id,
                     _("delete the statement"),
                     _("Statement %lld is not in the library"), error);
}

/**
 * tp_store_replace_statements:
 * @self: a store
 * @article_id: an article id
 * @statements: (element-type TpStatement): a fresh analysis of the article
 * @error: return location for a #GError
 *
 * Replaces the machine's statements of an article with a new analysis, in
 * one transaction. Statements made by hand or reviewed by a journalist
 * (confirmed, edited, rejected) are kept, and new statements overlapping
 * one of them are dropped.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_replace_statements (TpStore     *self,
                             gint64       article_id,
                             GPtrArray   *statements,
                             GError     **error)
{
  const char *op = _("re-analyse the article");
  TpStatementFilter filter = { .article_id = article_id };
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *article_date = NULL;
  g_autofree char *body = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *language = NULL;
  gint64 statement_id;
  glong body_len;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (statements != NULL, FALSE);

  if (!_tp_store_begin (self, op, error))
    return FALSE;
  if (!get_article_date (self, article_id, &article_date, &body, &outlet, &language, op, error)
      || !exec_by_id (self,
                      "DELETE FROM statement WHERE article_id = ?1 AND NOT manual "
                      "AND review = 'auto'", article_id, op, NULL, error))
    goto fail;

  kept = tp_store_list_statements (self, &filter, 0, 0, error);
  if (kept == NULL)
    goto fail;

  body_len = g_utf8_strlen (body, -1);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);
      gboolean overlaps = FALSE;

      for (guint k = 0; k < kept->len && !overlaps; k++)
        {
          TpStatement *old = g_ptr_array_index (kept, k);

          overlaps = s->start < old->end && old->start < s->end;
        }
      if (overlaps)
        continue;
      if (!next_id (self, NEXT_STATEMENT_ID_SQL, &statement_id, op, error)
          || !insert_statement (self, statement_id, article_id, outlet, language, article_date,
                                body, body_len, s, FALSE, error))
        goto fail;
    }

  return _tp_store_commit (self, op, error);

fail:
  _tp_store_rollback (self);
  return FALSE;
}

/**
 * tp_store_set_statement_starred:
 * @self: a store
 * @statement_id: a statement id
 * @starred: whether the journalist starred it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_set_statement_starred (TpStore     *self,
                                gint64       statement_id,
                                gboolean     starred,
                                GError     **error)
{
  const char *op = _("star the statement");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  stmt = _tp_store_prepare (self, "UPDATE statement SET starred = ?2 WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  sqlite3_bind_int (stmt, 2, starred ? 1 : 0);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Statement %lld is not in the library"), (long long) statement_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_get_statement_starred:
 * @self: a store
 * @statement_id: a statement id
 * @out_starred: (out): whether it is starred
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_get_statement_starred (TpStore     *self,
                                gint64       statement_id,
                                gboolean    *out_starred,
                                GError     **error)
{
  const char *op = _("read the statement");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_starred != NULL, FALSE);

  stmt = _tp_store_prepare (self, "SELECT starred FROM statement WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_starred = sqlite3_column_int (stmt, 0) != 0;
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("Statement %lld is not in the library"), (long long) statement_id);
  else
    _tp_store_set_error (self, error, op);
  return FALSE;
}

/* Comparison */

static void
binds_add_list (Binds              *b,
                const char         *column,
                const char * const *values)
{
  gint64 zero = 0;

  if (values == NULL)
    return;
  g_string_append_printf (b->where, " AND %s IN (NULL", column);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append (b->where, ", ?");
      g_ptr_array_add (b->texts, g_strdup (values[i]));
      g_array_append_val (b->ints, zero);
    }
  g_string_append_c (b->where, ')');
}

/* The filters of a comparison, on statement s and article a (or, with
 * @cell, the copies of their columns in statement_topic st or
 * comparison_cell st) and (when @with_topics) statement_topic st. */
static gboolean
binds_add_comparison_filter (Binds                    *b,
                             const TpComparisonFilter *filter,
                             gboolean                  with_topics,
                             gboolean                  cell,
                             GError                  **error)
{
  const char *s = cell ? "st" : "s";
  g_autofree char *sort_key = g_strdup_printf ("%s.sort_key", s);
  g_autofree char *side = g_strdup_printf ("%s.side", s);

  if (!binds_add_date_range (b, sort_key, filter->date_from, filter->date_until, error))
    return FALSE;
  binds_add_list (b, cell ? "st.outlet" : "a.outlet", filter->outlets);
  binds_add_list (b, cell ? "st.language" : "a.language", filter->languages);
  binds_add_list (b, side, filter->sides);
  if (with_topics)
    binds_add_list (b, "st.topic", filter->topics);
  if (filter->tags != NULL)
    {
      g_string_append_printf (b->where, " AND %s IN (SELECT x.statement_id FROM statement_tag x "
                                        "JOIN tag t ON t.id = x.tag_id WHERE 1",
                              cell ? "st.statement_id" : "s.id");
      binds_add_list (b, "t.name", filter->tags);
      g_string_append_c (b->where, ')');
    }
  if (filter->review_mask == 0)
    g_string_append_printf (b->where, " AND %s.review != 'rejected'", s);
  else
    {
      gboolean first = TRUE;

      g_string_append_printf (b->where, " AND %s.review IN (", s);
      for (TpReviewStatus r = TP_REVIEW_AUTO; r <= TP_REVIEW_REJECTED; r++)
        if (filter->review_mask & TP_REVIEW_MASK (r))
          {
            g_string_append_printf (b->where, "%s'%s'", first ? "" : ", ",
                                    tp_review_status_to_string (r));
            first = FALSE;
          }
      if (first)
        g_string_append (b->where, "NULL");
      g_string_append_c (b->where, ')');
    }
  return TRUE;
}

typedef struct
{
  char   *topic;
  char   *side;
  gint64  total;
} CellTotal;

static void
cell_total_free (gpointer data)
{
  CellTotal *cell = data;

  g_free (cell->topic);
  g_free (cell->side);
  g_free (cell);
}

/* Each cell's total, in @cells. Without a filter on tags they are sums of
 * comparison_cell, and with dates, counts down each cell's range of
 * statement_topic_cell; with tags (or before schema 5), one GROUP BY over
 * the matching statements. */
static gboolean
count_cells (TpStore                  *self,
             const TpComparisonFilter *filter,
             GPtrArray                *cells,
             GError                  **error)
{
  const char *op = _("build the comparison");
  gboolean join_article = filter->outlets != NULL || filter->languages != NULL;
  gboolean by_counts = self->schema_version >= 5 && filter->tags == NULL;
  gboolean by_range = filter->date_from != NULL || filter->date_until != NULL;
  g_auto(Binds) b = { 0 };
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  binds_init (&b);
  if (by_counts)
    {
      g_auto(Binds) keys = { 0 };
      TpComparisonFilter no_dates = *filter;

      /* Every filter but dates is a column of comparison_cell. */
      no_dates.date_from = no_dates.date_until = NULL;
      binds_init (&keys);
      if (!binds_add_comparison_filter (&keys, &no_dates, TRUE, TRUE, error))
        return FALSE;
      sql = g_strdup_printf ("SELECT st.topic, st.side, sum (st.n) FROM comparison_cell st "
                             "WHERE 1%s GROUP BY st.topic, st.side HAVING sum (st.n) > 0",
                             keys.where->str);
      stmt = _tp_store_prepare (self, sql, op, error);
      if (stmt == NULL)
        return FALSE;
      binds_apply (&keys, stmt);
    }
  else
    {
      if (!binds_add_comparison_filter (&b, filter, TRUE, self->schema_version >= 5, error))
        return FALSE;
      if (self->schema_version >= 5)
        /* Tags: from the tagged statements to their topics. */
        sql = g_strdup_printf ("SELECT st.topic, st.side, count(*) FROM statement_topic st "
                               "WHERE st.side IS NOT NULL%s GROUP BY st.topic, st.side",
                               b.where->str);
      else
        sql = g_strdup_printf ("SELECT st.topic, s.side, count(*) FROM statement_topic st "
                               "JOIN statement s ON s.id = st.statement_id %s "
                               "WHERE s.side IS NOT NULL%s GROUP BY st.topic, s.side",
                               join_article ? "JOIN article a ON a.id = s.article_id" : "",
                               b.where->str);
      stmt = _tp_store_prepare (self, sql, op, error);
      if (stmt == NULL)
        return FALSE;
      binds_apply (&b, stmt);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CellTotal *cell = g_new0 (CellTotal, 1);

      cell->topic = column_dup (stmt, 0);
      cell->side = column_dup (stmt, 1);
      cell->total = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (cells, cell);
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  if (!by_counts || !by_range)
    return TRUE;

  /* Dates: count the cells that hold anything at all, each in its range. */
  g_clear_pointer (&sql, g_free);
  if (!binds_add_comparison_filter (&b, filter, FALSE, TRUE, error))
    return FALSE;
  sql = g_strdup_printf ("SELECT count(*) FROM statement_topic st "
                         "WHERE st.topic = ? AND st.side = ?%s", b.where->str);
  for (guint i = 0; i < cells->len; )
    {
      CellTotal *cell = g_ptr_array_index (cells, i);

      stmt = _tp_store_prepare (self, sql, op, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, cell->topic, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, cell->side, -1, SQLITE_STATIC);
      binds_apply_at (&b, stmt, 3);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _tp_store_set_error (self, error, op);
          return FALSE;
        }
      cell->total = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, _tp_store_stmt_release);
      if (cell->total == 0)
        g_ptr_array_remove_index (cells, i);
      else
        i++;
    }
  return TRUE;
}

/* Capped cells (the Compare view, reports with a limit): the totals (see
 * count_cells()), then the newest statements of each cell. From schema 5
 * on, a cell is a range of statement_topic_cell read newest first, so
 * without filters on the article it reads only the rows it returns.
 * Before, it is read either down the side's date index, probing the topic
 * (common topics), or from the topic's rows, sorted (rare ones) —
 * whichever reads fewer rows. A window over every statement of the
 * library would sort them all. */
static gboolean
foreach_capped_cell (TpStore                  *self,
                     const TpComparisonFilter *filter,
                     TpComparisonRowFunc       func,
                     gpointer                  user_data,
                     GError                  **error)
{
  const char *op = _("build the comparison");
  gboolean cell_index = self->schema_version >= 5;
  g_auto(Binds) per_cell = { 0 };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (cell_total_free);
  g_autoptr(GHashTable) side_totals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) topic_totals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  binds_init (&per_cell);
  if (!count_cells (self, filter, cells, error)
      || !binds_add_comparison_filter (&per_cell, filter, FALSE, cell_index, error))
    return FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      CellTotal *cell = g_ptr_array_index (cells, i);
      gint64 n;

      n = GPOINTER_TO_SIZE (g_hash_table_lookup (side_totals, cell->side));
      g_hash_table_insert (side_totals, cell->side, GSIZE_TO_POINTER (n + cell->total));
      n = GPOINTER_TO_SIZE (g_hash_table_lookup (topic_totals, cell->topic));
      g_hash_table_insert (topic_totals, cell->topic, GSIZE_TO_POINTER (n + cell->total));
    }

  for (guint i = 0; i < cells->len; i++)
    {
      CellTotal *cell = g_ptr_array_index (cells, i);
      gint64 side_total = GPOINTER_TO_SIZE (g_hash_table_lookup (side_totals, cell->side));
      gint64 topic_total = GPOINTER_TO_SIZE (g_hash_table_lookup (topic_totals, cell->topic));
      /* Down the side's index, about max × side / cell rows are read before
       * max of them have the topic; from the topic, all its rows. */
      gboolean by_side = (double) filter->max_per_cell * side_total / MAX (cell->total, 1)
                         < (double) topic_total;
      int idx;

      if (cell_index)
        sql = g_strdup_printf ("SELECT " STATEMENT_COLUMNS ", " ARTICLE_COLUMNS ", s.starred "
                               "FROM statement_topic st "
                               "JOIN statement s ON s.id = st.statement_id "
                               "JOIN article a ON a.id = s.article_id "
                               "WHERE st.topic = ? AND st.side = ?%s "
                               "ORDER BY st.sort_key DESC LIMIT ?",
                               per_cell.where->str);
      else if (by_side)
        sql = g_strdup_printf ("SELECT " STATEMENT_COLUMNS ", " ARTICLE_COLUMNS ", s.starred "
                               "FROM statement s JOIN article a ON a.id = s.article_id "
                               "WHERE EXISTS (SELECT 1 FROM statement_topic st "
                               "  WHERE st.statement_id = s.id AND st.topic = ?) "
                               "AND s.side = ?%s ORDER BY s.sort_key DESC LIMIT ?",
                               per_cell.where->str);
      else
        sql = g_strdup_printf ("SELECT " STATEMENT_COLUMNS ", " ARTICLE_COLUMNS ", s.starred "
                               "FROM statement_topic st JOIN statement s ON s.id = st.statement_id "
                               "JOIN article a ON a.id = s.article_id "
                               "WHERE st.topic = ? AND +s.side = ?%s "
                               "ORDER BY s.sort_key DESC LIMIT ?",
                               per_cell.where->str);
      stmt = _tp_store_prepare (self, sql, op, error);
      g_clear_pointer (&sql, g_free);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, cell->topic, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, cell->side, -1, SQLITE_TRANSIENT);
      idx = binds_apply_at (&per_cell, stmt, 3);
      sqlite3_bind_int64 (stmt, idx, filter->max_per_cell);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(TpStatement) statement = read_statement (stmt);
          g_autoptr(TpArticle) article = read_article_at (stmt, 16);

          func (cell->topic, statement, article, sqlite3_column_int (stmt, 27) != 0,
                (guint) cell->total, user_data);
        }
      if (rc != SQLITE_DONE)
        {
          _tp_store_set_error (self, error, op);
          return FALSE;
        }
      g_clear_pointer (&stmt, _tp_store_stmt_release);
    }

  return TRUE;
}

/**
 * tp_store_foreach_comparison_row:
 * @self: a store
 * @filter: (nullable): what to select
 * @func: (scope call): called for each row
 * @user_data: closure for @func
 * @error: return location for a #GError
 *
 * Reads the statements of a comparison: every statement with a side and a
 * topic that @filter selects, ordered by topic, side and newest first. This
 * is the query under TpComparison; use that instead.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_foreach_comparison_row (TpStore                  *self,
                                 const TpComparisonFilter *filter,
                                 TpComparisonRowFunc       func,
                                 gpointer                  user_data,
                                 GError                  **error)
{
  const char *op = _("build the comparison");
  static const TpComparisonFilter everything = { 0 };
  g_auto(Binds) b = { 0 };
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int idx, rc;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!sync_topics (self, op, error))
    return FALSE;
  if (filter == NULL)
    filter = &everything;

  if (filter->max_per_cell > 0)
    return foreach_capped_cell (self, filter, func, user_data, error);

  binds_init (&b);
  if (!binds_add_comparison_filter (&b, filter, TRUE, FALSE, error))
    return FALSE;

  /* The window numbers each cell's statements, newest first, and counts
   * them, so a capped cell still knows how many it holds. Only the ids
   * go through the window; the rows are read for the survivors. */
  sql = g_strdup_printf ("SELECT " STATEMENT_COLUMNS ", " ARTICLE_COLUMNS ", s.starred, "
                         "  c.total, c.cell_topic "
                         "FROM (SELECT s.id AS sid, st.topic AS cell_topic, s.side AS cell_side, "
                         "        s.sort_key AS sk, count(*) OVER cell AS total, "
                         "        row_number () OVER (cell ORDER BY s.sort_key DESC) AS rn "
                         "      FROM statement_topic st "
                         "      JOIN statement s ON s.id = st.statement_id "
                         "      %s "
                         "      WHERE s.side IS NOT NULL%s "
                         "      WINDOW cell AS (PARTITION BY st.topic, s.side)) c "
                         "JOIN statement s ON s.id = c.sid JOIN article a ON a.id = s.article_id "
                         "WHERE c.rn <= ? "
                         "ORDER BY c.cell_topic, c.cell_side, c.sk DESC",
                         /* The article is read for every row only when its
                          * outlet or language filters. */
                         filter->outlets != NULL || filter->languages != NULL
                         ? "JOIN article a ON a.id = s.article_id" : "",
                         b.where->str);
  stmt = _tp_store_prepare (self, sql, op, error);
  if (stmt == NULL)
    return FALSE;
  idx = binds_apply (&b, stmt);
  sqlite3_bind_int64 (stmt, idx, filter->max_per_cell > 0 ? (gint64) filter->max_per_cell
                                                          : G_MAXINT64);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TpStatement) statement = read_statement (stmt);
      g_autoptr(TpArticle) article = read_article_at (stmt, 16);

      func ((const char *) sqlite3_column_text (stmt, 29), statement, article,
            sqlite3_column_int (stmt, 27) != 0, (guint) sqlite3_column_int (stmt, 28),
            user_data);
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  return TRUE;
}

/* Search */

/* Snippets come from FTS5 with the matches between \x02 and \x03; make a
 * plain and an escaped, bold-marked version of them. */
static void
set_snippet (TpSearchHit *hit,
             const char  *raw)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = raw ? raw : "";

  while (*p != '\0')
    {
      const char *next = p;

      while (*next != '\0' && *next != '\x02' && *next != '\x03')
        next++;
      if (next > p)
        {
          g_autofree char *escaped = g_markup_escape_text (p, next - p);

          g_string_append_len (plain, p, next - p);
          g_string_append (markup, escaped);
        }
      if (*next == '\x02')
        g_string_append (markup, "<b>");
      else if (*next == '\x03')
        g_string_append (markup, "</b>");
      p = *next != '\0' ? next + 1 : next;
    }

  /* A snippet cut inside a highlight would leave the tag open. */
  {
    const char *last_open = g_strrstr (markup->str, "<b>");
    const char *last_close = g_strrstr (markup->str, "</b>");

    if (last_open != NULL && (last_close == NULL || last_close < last_open))
      g_string_append (markup, "</b>");
  }

  hit->snippet = g_string_free (g_steal_pointer (&plain), FALSE);
  hit->snippet_markup = g_string_free (g_steal_pointer (&markup), FALSE);
}

static const char *
search_sql (TpSearchScope scope,
            TpSearchOrder order)
{
  static const char * const sql[2][2] = {
    {
      "SELECT a.id, 0, a.title, a.outlet, a.published, NULL, NULL, "
      "  snippet (article_fts, -1, char (2), char (3), '…', 16), 0 "
      "FROM article_fts JOIN article a ON a.sort_key = article_fts.rowid "
      "WHERE article_fts MATCH ?1 ORDER BY article_fts.rowid DESC LIMIT ?2 OFFSET ?3",
      "SELECT a.id, 0, a.title, a.outlet, a.published, NULL, NULL, "
      "  snippet (article_fts, -1, char (2), char (3), '…', 16), "
      "  bm25 (article_fts, 4.0, 1.0) AS score "
      "FROM article_fts JOIN article a ON a.sort_key = article_fts.rowid "
      "WHERE article_fts MATCH ?1 ORDER BY score, article_fts.rowid DESC LIMIT ?2 OFFSET ?3",
    },
    {
      "SELECT s.article_id, s.id, a.title, a.outlet, a.published, s.speaker, s.side, "
      "  snippet (statement_fts, 0, char (2), char (3), '…', 24), 0 "
      "FROM statement_fts JOIN statement s ON s.sort_key = statement_fts.rowid "
      "JOIN article a ON a.id = s.article_id "
      "WHERE statement_fts MATCH ?1 ORDER BY statement_fts.rowid DESC LIMIT ?2 OFFSET ?3",
      "SELECT s.article_id, s.id, a.title, a.outlet, a.published, s.speaker, s.side, "
      "  snippet (statement_fts, 0, char (2), char (3), '…', 24), "
      "  bm25 (statement_fts, 1.0, 2.0) AS score "
      "FROM statement_fts JOIN statement s ON s.sort_key = statement_fts.rowid "
      "JOIN article a ON a.id = s.article_id "
      "WHERE statement_fts MATCH ?1 ORDER BY score, statement_fts.rowid DESC LIMIT ?2 OFFSET ?3",
    },
  };

  return sql[scope == TP_SEARCH_STATEMENTS][order == TP_SEARCH_RELEVANCE];
}

/* Up to this many words replace a word being typed. */
#define MAX_PREFIX_WORDS 32

/* A query that ends with a word being typed ("…"*) of four characters or
 * more, which no prefix index holds, becomes the query with the words of
 * fts_term that start with it instead, when there are few: FTS5 reads a
 * few words newest first and stops at the page, where a prefix makes it
 * merge the whole doclist of every such word first ("hội nghị": nghi,
 * nghiem, nghiep…). The hits are the same; their bm25 scores are not, so
 * only for newest-first order. */
static char *
expand_prefix (TpStore     *self,
               const char  *fts,
               GError     **error)
{
  const char *op = _("search the library");
  gsize len = strlen (fts);
  const char *open;
  g_autofree char *word = NULL;
  g_autofree char *upper = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  guint n = 0;
  int rc;

  if (self->schema_version < 5 || len < 3 || !g_str_has_suffix (fts, "\"*"))
    return g_strdup (fts);
  for (open = fts + len - 3; open > fts && *open != '"'; open--)
    ;
  if (*open != '"')
    return g_strdup (fts);
  word = g_strndup (open + 1, fts + len - 2 - (open + 1));
  /* A phrase ("mat xco va"*) cannot hold a choice; the prefix index
   * serves three characters. */
  if (strchr (word, ' ') != NULL || g_utf8_strlen (word, -1) <= 3)
    return g_strdup (fts);

  upper = g_strconcat (word, "\xff", NULL);
  stmt = _tp_store_prepare (self,
                            "SELECT term FROM fts_term WHERE term >= ?1 AND term < ?2 "
                            "ORDER BY term LIMIT ?3",
                            op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, MAX_PREFIX_WORDS + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (words, "%s\"%s\"", n > 0 ? " OR " : "",
                              (const char *) sqlite3_column_text (stmt, 0));
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  if (n == 0 || n > MAX_PREFIX_WORDS)
    return g_strdup (fts);
  return g_strdup_printf ("%.*s%s(%s)", (int) (open - fts), fts, open > fts ? "AND " : "",
                          words->str);
}

/**
 * tp_store_search:
 * @self: a store
 * @query: what the user typed; any text is safe
 * @scope: search articles (title and body) or statements (text and speaker)
 * @order: newest first (cheap) or by relevance
 * @offset: hits to skip
 * @limit: hits to return at most; 0 means all
 * @error: return location for a #GError
 *
 * Full-text search, folded: case and every diacritic are ignored, so
 * "dien kremlin" finds "Điện Kremlin" and "hoa binh" finds "hòa bình" and
 * "hoà bình". Every word must occur; the last one may be the start of a
 * word (search as you type). Operators of the FTS5 query language are not
 * interpreted: quotes, "*", "OR", "NEAR(" are searched as words or ignored.
 *
 * Returns: (transfer container) (element-type TpSearchHit): the hits,
 *   empty when @query holds no word, or %NULL with @error set
 */
GPtrArray *
tp_store_search (TpStore        *self,
                 const char     *query,
                 TpSearchScope   scope,
                 TpSearchOrder   order,
                 guint           offset,
                 guint           limit,
                 GError        **error)
{
  const char *op = _("search the library");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *fts = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_search_hit_unref);
  fts = _tp_store_build_fts_query (query);
  if (fts == NULL)
    return g_steal_pointer (&hits);
  if (order == TP_SEARCH_NEWEST)
    {
      char *expanded = expand_prefix (self, fts, error);

      if (expanded == NULL)
        return NULL;
      g_free (fts);
      fts = expanded;
    }

  stmt = _tp_store_prepare (self, search_sql (scope, order), op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 3, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TpSearchHit *hit = tp_search_hit_new ();

      hit->kind = scope == TP_SEARCH_STATEMENTS ? TP_SEARCH_HIT_STATEMENT : TP_SEARCH_HIT_ARTICLE;
      hit->article_id = sqlite3_column_int64 (stmt, 0);
      hit->statement_id = sqlite3_column_int64 (stmt, 1);
      hit->title = column_dup (stmt, 2);
      hit->outlet = column_dup (stmt, 3);
      hit->published = column_dup (stmt, 4);
      hit->speaker = column_dup (stmt, 5);
      hit->side = column_dup (stmt, 6);
      set_snippet (hit, (const char *) sqlite3_column_text (stmt, 7));
      hit->rank = sqlite3_column_double (stmt, 8);
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  return g_steal_pointer (&hits);
}

/**
 * tp_store_count_search:
 * @self: a store
 * @query: what the user typed
 * @scope: articles or statements
 * @error: return location for a #GError
 *
 * Counts every hit of tp_store_search(); slower than fetching a page.
 *
 * Returns: the number of hits, or -1 with @error set
 */
gint64
tp_store_count_search (TpStore        *self,
                       const char     *query,
                       TpSearchScope   scope,
                       GError        **error)
{
  const char *op = _("search the library");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *fts = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  fts = _tp_store_build_fts_query (query);
  if (fts == NULL)
    return 0;
  stmt = _tp_store_prepare (self,
                            scope == TP_SEARCH_STATEMENTS
                            ? "SELECT count(*) FROM statement_fts WHERE statement_fts MATCH ?1"
                            : "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1",
                            op, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Tags */

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (*clean == '\0')
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID, _("A tag needs a name"));
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_list_tags:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type TpTag): every tag, by name
 */
GPtrArray *
tp_store_list_tags (TpStore  *self,
                    GError  **error)
{
  const char *op = _("list the tags");
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  stmt = _tp_store_prepare (self,
                            "SELECT t.id, t.name, t.color, "
                            "  (SELECT count(*) FROM statement_tag WHERE tag_id = t.id) "
                            "FROM tag t ORDER BY t.name COLLATE NOCASE",
                            op, error);
  if (stmt == NULL)
    return NULL;
  tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_tag_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TpTag *tag = g_new0 (TpTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = column_dup (stmt, 1);
      tag->color = column_dup (stmt, 2);
      tag->n_statements = (guint) sqlite3_column_int (stmt, 3);
      g_ptr_array_add (tags, tag);
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  return g_steal_pointer (&tags);
}

/**
 * tp_store_lookup_tag:
 * @self: a store
 * @name: a tag name (case is ignored)
 * @error: return location for a #GError
 *
 * Returns: the tag's id, 0 if there is no such tag, or -1 with @error set
 */
gint64
tp_store_lookup_tag (TpStore     *self,
                     const char  *name,
                     GError     **error)
{
  const char *op = _("look up the tag");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  stmt = _tp_store_prepare (self, "SELECT id FROM tag WHERE name = ?1", op, error);
  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  _tp_store_set_error (self, error, op);
  return -1;
}

/**
 * tp_store_create_tag:
 * @self: a store
 * @name: a new, unique tag name
 * @color: (nullable): a CSS colour
 * @out_id: (out) (optional): the new tag's id, or the existing one's on
 *   %TP_STORE_ERROR_DUPLICATE
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_create_tag (TpStore     *self,
                     const char  *name,
                     const char  *color,
                     gint64      *out_id,
                     GError     **error)
{
  const char *op = _("create the tag");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  gint64 existing;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (!check_name (name, error))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  existing = tp_store_lookup_tag (self, clean, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      if (out_id != NULL)
        *out_id = existing;
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE,
                   _("There is already a tag named “%s”"), clean);
      return FALSE;
    }

  stmt = _tp_store_prepare (self, "INSERT INTO tag (name, color) VALUES (?1, ?2)", op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, clean);
  bind_text (stmt, 2, color);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * tp_store_ensure_tag:
 * @self: a store
 * @name: a tag name
 * @error: return location for a #GError
 *
 * Returns the tag named @name, creating it when missing.
 *
 * Returns: the tag's id, or -1 with @error set
 */
gint64
tp_store_ensure_tag (TpStore     *self,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TP_IS_STORE (self), -1);

  if (tp_store_create_tag (self, name, NULL, &id, &local_error))
    return id;
  if (g_error_matches (local_error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
    return id;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return -1;
}

/**
 * tp_store_rename_tag:
 * @self: a store
 * @tag_id: a tag id
 * @name: its new name; must not be another tag's
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_rename_tag (TpStore     *self,
                     gint64       tag_id,
                     const char  *name,
                     GError     **error)
{
  const char *op = _("rename the tag");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  gint64 existing;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (!check_name (name, error))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  existing = tp_store_lookup_tag (self, clean, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0 && existing != tag_id)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE,
                   _("There is already a tag named “%s”; merge the tags instead"), clean);
      return FALSE;
    }

  stmt = _tp_store_prepare (self, "UPDATE tag SET name = ?2 WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  bind_text (stmt, 2, clean);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Tag %lld does not exist"), (long long) tag_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_set_tag_color:
 * @self: a store
 * @tag_id: a tag id
 * @color: (nullable): a CSS colour
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_set_tag_color (TpStore     *self,
                        gint64       tag_id,
                        const char  *color,
                        GError     **error)
{
  const char *op = _("change the tag’s colour");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  stmt = _tp_store_prepare (self, "UPDATE tag SET color = ?2 WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  bind_text (stmt, 2, color);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Tag %lld does not exist"), (long long) tag_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_merge_tags:
 * @self: a store
 * @from_id: the tag that disappears
 * @into_id: the tag that receives its statements
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_merge_tags (TpStore     *self,
                     gint64       from_id,
                     gint64       into_id,
                     GError     **error)
{
  const char *op = _("merge the tags");
  g_autoptr(TpStoreStmt) stmt = NULL;
  gint64 n = 0;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (from_id == into_id)
    return TRUE;
  if (!_tp_store_begin (self, op, error))
    return FALSE;

  stmt = _tp_store_prepare (self, "SELECT count(*) FROM tag WHERE id IN (?1, ?2)", op, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tp_store_set_error (self, error, op);
      goto fail;
    }
  n = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  if (n != 2)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Could not %s: one of them does not exist"), op);
      goto fail;
    }

  stmt = _tp_store_prepare (self,
                            "INSERT OR IGNORE INTO statement_tag (statement_id, tag_id) "
                            "SELECT statement_id, ?2 FROM statement_tag WHERE tag_id = ?1",
                            op, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  if (!_tp_store_step_done (self, stmt, op, error))
    goto fail;
  g_clear_pointer (&stmt, _tp_store_stmt_release);

  if (!exec_by_id (self, "DELETE FROM tag WHERE id = ?1", from_id, op, NULL, error))
    goto fail;
  return _tp_store_commit (self, op, error);

fail:
  g_clear_pointer (&stmt, _tp_store_stmt_release);
  _tp_store_rollback (self);
  return FALSE;
}

/**
 * tp_store_delete_tag:
 * @self: a store
 * @tag_id: a tag id
 * @error: return location for a #GError
 *
 * Deletes a tag and removes it from every statement.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_tag (TpStore     *self,
                     gint64       tag_id,
                     GError     **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  return exec_by_id (self, "DELETE FROM tag WHERE id = ?1", tag_id, _("delete the tag"),
                     _("Tag %lld does not exist"), error);
}

static gboolean
exec_pair (TpStore     *self,
           const char  *sql,
           gint64       a,
           gint64       b,
           const char  *op,
           GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = _tp_store_prepare (self, sql, op, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return _tp_store_step_done (self, stmt, op, error);
}

/**
 * tp_store_tag_statement:
 * @self: a store
 * @statement_id: a statement id
 * @tag_id: a tag id
 * @error: return location for a #GError
 *
 * Attaches a tag to a statement; attaching it twice is harmless.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_tag_statement (TpStore     *self,
                        gint64       statement_id,
                        gint64       tag_id,
                        GError     **error)
{
  const char *op = _("tag the statement");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  if (exec_pair (self, "INSERT OR IGNORE INTO statement_tag (statement_id, tag_id) VALUES (?1, ?2)",
                 statement_id, tag_id, op, &local_error))
    return TRUE;
  if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("Could not %s: the statement or the tag does not exist"), op);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * tp_store_untag_statement:
 * @self: a store
 * @statement_id: a statement id
 * @tag_id: a tag id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_untag_statement (TpStore     *self,
                          gint64       statement_id,
                          gint64       tag_id,
                          GError     **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  return exec_pair (self, "DELETE FROM statement_tag WHERE statement_id = ?1 AND tag_id = ?2",
                    statement_id, tag_id, _("remove the tag"), error);
}

/**
 * tp_store_list_statement_tags:
 * @self: a store
 * @statement_id: a statement id
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type TpTag): the statement's tags
 */
GPtrArray *
tp_store_list_statement_tags (TpStore     *self,
                              gint64       statement_id,
                              GError     **error)
{
  const char *op = _("list the tags");
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  stmt = _tp_store_prepare (self,
                            "SELECT t.id, t.name, t.color FROM statement_tag st "
                            "JOIN tag t ON t.id = st.tag_id WHERE st.statement_id = ?1 "
                            "ORDER BY t.name COLLATE NOCASE",
                            op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_tag_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TpTag *tag = g_new0 (TpTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = column_dup (stmt, 1);
      tag->color = column_dup (stmt, 2);
      g_ptr_array_add (tags, tag);
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  return g_steal_pointer (&tags);
}

/* Notes */

/**
 * tp_store_list_notes:
 * @self: a store
 * @statement_id: a statement id
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type TpNote): the statement's
 *   notes, oldest first
 */
GPtrArray *
tp_store_list_notes (TpStore     *self,
                     gint64       statement_id,
                     GError     **error)
{
  const char *op = _("list the notes");
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  stmt = _tp_store_prepare (self,
                            "SELECT id, statement_id, text, created, modified FROM note "
                            "WHERE statement_id = ?1 ORDER BY created, id",
                            op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  notes = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_note_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TpNote *note = g_new0 (TpNote, 1);

      note->id = sqlite3_column_int64 (stmt, 0);
      note->statement_id = sqlite3_column_int64 (stmt, 1);
      note->text = column_dup (stmt, 2);
      note->created = column_dup (stmt, 3);
      note->modified = column_dup (stmt, 4);
      g_ptr_array_add (notes, note);
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  return g_steal_pointer (&notes);
}

/**
 * tp_store_add_note:
 * @self: a store
 * @statement_id: a statement id
 * @text: the note
 * @out_id: (out) (optional): the new note's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_note (TpStore     *self,
                   gint64       statement_id,
                   const char  *text,
                   gint64      *out_id,
                   GError     **error)
{
  const char *op = _("add the note");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *now = _tp_store_now ();

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  stmt = _tp_store_prepare (self,
                            "INSERT INTO note (statement_id, text, created, modified) "
                            "VALUES (?1, ?2, ?3, ?3)",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, statement_id);
  bind_text (stmt, 2, text);
  bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                     _("Statement %lld is not in the library"), (long long) statement_id);
      else
        _tp_store_set_error (self, error, op);
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * tp_store_update_note:
 * @self: a store
 * @note_id: a note id
 * @text: the note's new text
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_update_note (TpStore     *self,
                      gint64       note_id,
                      const char  *text,
                      GError     **error)
{
  const char *op = _("save the note");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *now = _tp_store_now ();

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  stmt = _tp_store_prepare (self, "UPDATE note SET text = ?2, modified = ?3 WHERE id = ?1",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note_id);
  bind_text (stmt, 2, text);
  bind_text (stmt, 3, now);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Note %lld does not exist"), (long long) note_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_delete_note:
 * @self: a store
 * @note_id: a note id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_delete_note (TpStore     *self,
                      gint64       note_id,
                      GError     **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  return exec_by_id (self, "DELETE FROM note WHERE id = ?1", note_id, _("delete the note"),
                     _("Note %lld does not exist"), error);
}

/* Feeds */

#define FEED_COLUMNS \
  "f.id, f.url, f.title, f.etag, f.last_modified, f.refresh_interval, f.fetch_full_page, " \
  "f.last_checked, f.last_error, f.error_count, f.added, " \
  "(SELECT count(*) FROM article WHERE feed_id = f.id)"

static TpFeed *
read_feed (sqlite3_stmt *stmt)
{
  TpFeed *feed = tp_feed_new ();

  feed->id = sqlite3_column_int64 (stmt, 0);
  feed->url = column_dup (stmt, 1);
  feed->title = column_dup (stmt, 2);
  feed->etag = column_dup (stmt, 3);
  feed->last_modified = column_dup (stmt, 4);
  feed->refresh_interval = (guint) sqlite3_column_int (stmt, 5);
  feed->fetch_full_page = sqlite3_column_int (stmt, 6) != 0;
  feed->last_checked = column_dup (stmt, 7);
  feed->last_error = column_dup (stmt, 8);
  feed->error_count = (guint) sqlite3_column_int (stmt, 9);
  feed->added = column_dup (stmt, 10);
  feed->n_articles = (guint) sqlite3_column_int (stmt, 11);
  return feed;
}

/* Fails with %TP_STORE_ERROR_DUPLICATE, setting @out_other_id, when a feed
 * other than @except_id (0 for none) is subscribed at @url. */
gboolean
_tp_store_check_feed_url_free (TpStore     *self,
                               const char  *url,
                               gint64       except_id,
                               gint64      *out_other_id,
                               const char  *operation,
                               GError     **error)
{
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  stmt = _tp_store_prepare (self, "SELECT id FROM feed WHERE url = ?1 AND id <> ?2",
                            operation, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, url);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_other_id != NULL)
        *out_other_id = sqlite3_column_int64 (stmt, 0);
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE,
                   _("You are already subscribed to “%s”"), url);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, operation);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_add_feed:
 * @self: a store
 * @url: the feed's address
 * @title: (nullable): its title, when known
 * @out_id: (out) (optional): the new feed's id, or the existing one's on
 *   %TP_STORE_ERROR_DUPLICATE
 * @error: return location for a #GError
 *
 * Subscribes to a feed.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_add_feed (TpStore     *self,
                   const char  *url,
                   const char  *title,
                   gint64      *out_id,
                   GError     **error)
{
  const char *op = _("add the feed");
  g_autoptr(TpStoreStmt) stmt = NULL;
  g_autofree char *now = _tp_store_now ();

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!_tp_store_check_feed_url_free (self, url, 0, out_id, op, error))
    return FALSE;

  stmt = _tp_store_prepare (self, "INSERT INTO feed (url, title, added) VALUES (?1, ?2, ?3)",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, url);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, now);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * tp_store_list_feeds:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type TpFeed): every feed, in the
 *   order they were added
 */
GPtrArray *
tp_store_list_feeds (TpStore  *self,
                     GError  **error)
{
  const char *op = _("list the feeds");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  stmt = _tp_store_prepare (self, "SELECT " FEED_COLUMNS " FROM feed f ORDER BY f.id", op, error);
  if (stmt == NULL)
    return NULL;
  feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_feed_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, read_feed (stmt));
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return NULL;
    }
  return g_steal_pointer (&feeds);
}

/**
 * tp_store_get_feed:
 * @self: a store
 * @feed_id: a feed id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the feed, or %NULL with %TP_STORE_ERROR_NOT_FOUND
 */
TpFeed *
tp_store_get_feed (TpStore     *self,
                   gint64       feed_id,
                   GError     **error)
{
  const char *op = _("read the feed");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), NULL);

  stmt = _tp_store_prepare (self, "SELECT " FEED_COLUMNS " FROM feed f WHERE f.id = ?1",
                            op, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_feed (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                 _("Feed %lld does not exist"), (long long) feed_id);
  else
    _tp_store_set_error (self, error, op);
  return NULL;
}

/**
 * tp_store_update_feed:
 * @self: a store
 * @feed: the feed with its new values; @id names the row
 * @error: return location for a #GError
 *
 * Writes a feed's title, ETag, Last-Modified, refresh interval, full-page
 * switch, last check, last error and error count.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_update_feed (TpStore       *self,
                      const TpFeed  *feed,
                      GError       **error)
{
  const char *op = _("save the feed");
  g_autoptr(TpStoreStmt) stmt = NULL;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed != NULL, FALSE);

  stmt = _tp_store_prepare (self,
                            "UPDATE feed SET title = ?2, etag = ?3, last_modified = ?4, "
                            "  refresh_interval = ?5, fetch_full_page = ?6, last_checked = ?7, "
                            "  last_error = ?8, error_count = ?9 WHERE id = ?1",
                            op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, feed->id);
  bind_text (stmt, 2, feed->title);
  bind_text (stmt, 3, feed->etag);
  bind_text (stmt, 4, feed->last_modified);
  sqlite3_bind_int64 (stmt, 5, feed->refresh_interval);
  sqlite3_bind_int (stmt, 6, feed->fetch_full_page ? 1 : 0);
  bind_text (stmt, 7, feed->last_checked);
  bind_text (stmt, 8, feed->last_error);
  sqlite3_bind_int64 (stmt, 9, feed->error_count);
  if (!_tp_store_step_done (self, stmt, op, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Feed %lld does not exist"), (long long) feed->id);
      return FALSE;
    }
  return TRUE;
}

/**
 * tp_store_remove_feed:
 * @self: a store
 * @feed_id: a feed id
 * @error: return location for a #GError
 *
 * Unsubscribes from a feed; the articles it brought stay in the library.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_store_remove_feed (TpStore     *self,
                      gint64       feed_id,
                      GError     **error)
{
  g_return_val_if_fail (TP_IS_STORE (self), FALSE);

  return exec_by_id (self, "DELETE FROM feed WHERE id = ?1", feed_id, _("remove the feed"),
                     _("Feed %lld does not exist"), error);
}
