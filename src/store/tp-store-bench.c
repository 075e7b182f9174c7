/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-store-private.h"

/* The benchmark's reference: how long SQLite itself takes to write the
 * rows an import writes, without full-text indexing, secondary indexes,
 * duplicate checks or id allocation. The store's import time divided by
 * this is what the store's own work costs. */

struct _TpBareDb
{
  sqlite3      *db;
  sqlite3_stmt *insert_article;
  sqlite3_stmt *insert_statement;
  sqlite3_stmt *begin;
  sqlite3_stmt *commit;
};

static gboolean
bare_fail (TpBareDb    *bare,
           GError     **error)
{
  g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_FAILED,
               _("Benchmark reference database: %s"), sqlite3_errmsg (bare->db));
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
}

TpBareDb *
_tp_store_bare_open (const char  *path,
                     GError     **error)
{
  TpBareDb *bare = g_new0 (TpBareDb, 1);

  if (sqlite3_open_v2 (path, &bare->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || sqlite3_exec (bare->db,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = NORMAL;"
                       "CREATE TABLE article (id INTEGER PRIMARY KEY, url TEXT, source_path TEXT,"
                       "  content_hash TEXT, outlet TEXT, title TEXT, author TEXT, language TEXT,"
                       "  published TEXT, imported TEXT, origin TEXT, body TEXT, captions TEXT);"
                       "CREATE TABLE statement (id INTEGER PRIMARY KEY, article_id INTEGER,"
                       "  kind TEXT, text TEXT, start_char INTEGER, end_char INTEGER, speaker TEXT,"
                       "  actor_key TEXT, actor TEXT, side TEXT, cue TEXT, said_on TEXT,"
                       "  confidence REAL, review TEXT, manual INTEGER);",
                       NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (bare->db,
                             "INSERT INTO article (url, source_path, content_hash, outlet, title, "
                             "  author, language, published, imported, origin, body) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                             -1, &bare->insert_article, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (bare->db,
                             "INSERT INTO statement (article_id, kind, text, start_char, end_char, "
                             "  speaker, actor_key, actor, side, cue, said_on, confidence, review, "
                             "  manual) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0)",
                             -1, &bare->insert_statement, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (bare->db, "BEGIN", -1, &bare->begin, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (bare->db, "COMMIT", -1, &bare->commit, NULL) != SQLITE_OK)
    {
      bare_fail (bare, error);
      _tp_store_bare_close (bare);
      return NULL;
    }
  return bare;
}

gboolean
_tp_store_bare_insert (TpBareDb   *bare,
                       TpArticle  *article,
                       GPtrArray  *statements,
                       GError    **error)
{
  gint64 id;

  sqlite3_reset (bare->begin);
  if (sqlite3_step (bare->begin) != SQLITE_DONE)
    return bare_fail (bare, error);

  sqlite3_reset (bare->insert_article);
  bind_text (bare->insert_article, 1, article->url);
  bind_text (bare->insert_article, 2, article->source_path);
  bind_text (bare->insert_article, 3, article->content_hash);
  bind_text (bare->insert_article, 4, article->outlet);
  bind_text (bare->insert_article, 5, article->title);
  bind_text (bare->insert_article, 6, article->author);
  bind_text (bare->insert_article, 7, article->language);
  bind_text (bare->insert_article, 8, article->published);
  bind_text (bare->insert_article, 9, article->imported);
  bind_text (bare->insert_article, 10, tp_origin_to_string (article->origin));
  bind_text (bare->insert_article, 11, article->body);
  if (sqlite3_step (bare->insert_article) != SQLITE_DONE)
    return bare_fail (bare, error);
  id = sqlite3_last_insert_rowid (bare->db);

  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);
      sqlite3_stmt *st = bare->insert_statement;

      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, id);
      bind_text (st, 2, tp_statement_kind_to_string (s->kind));
      bind_text (st, 3, s->text);
      sqlite3_bind_int64 (st, 4, s->start);
      sqlite3_bind_int64 (st, 5, s->end);
      bind_text (st, 6, s->speaker);
      bind_text (st, 7, s->actor_key);
      bind_text (st, 8, s->actor);
      bind_text (st, 9, s->side);
      bind_text (st, 10, s->cue);
      bind_text (st, 11, s->said_on);
      sqlite3_bind_double (st, 12, s->confidence);
      bind_text (st, 13, tp_review_status_to_string (s->review));
      if (sqlite3_step (st) != SQLITE_DONE)
        return bare_fail (bare, error);
    }

  sqlite3_reset (bare->commit);
  if (sqlite3_step (bare->commit) != SQLITE_DONE)
    return bare_fail (bare, error);
  return TRUE;
}

void
_tp_store_bare_close (TpBareDb *bare)
{
  if (bare == NULL)
    return;
  sqlite3_finalize (bare->insert_article);
  sqlite3_finalize (bare->insert_statement);
  sqlite3_finalize (bare->begin);
  sqlite3_finalize (bare->commit);
  sqlite3_close (bare->db);
  g_free (bare);
}
