/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "tp-store.h"

G_BEGIN_DECLS

/* Shared inside src/store/ and with the tests and the benchmark; not part
 * of the store's public API. */

/* Opens @path and migrates it to @max_version at most: the migration tests
 * build libraries of every earlier schema version with it. */
TpStore  *_tp_store_open_full            (const char  *path,
                                          guint        max_version,
                                          GError     **error);

/* PRAGMA integrity_check plus FTS5's check of both indexes against their
 * content tables. */
gboolean  _tp_store_check_integrity      (TpStore     *self,
                                          GError     **error);

/* Registers the "tp_fold" FTS5 tokenizer on @db. */
int       _tp_store_register_tokenizer   (sqlite3     *db);

/* The words of the full-text indexes (schema 5: table fts_term), so a
 * word being typed can be searched as the few words it may become instead
 * of a prefix, which FTS5 answers by merging all their doclists. While
 * @known is loaded, the tokenizer registered with it puts every word of a
 * document it indexes that @known lacks in @pending; the store writes
 * @pending to fts_term when it commits. */
typedef struct
{
  GHashTable *known;     /* word → itself, or NULL: not loaded */
  GHashTable *pending;   /* word → itself */
} TpStoreVocabulary;

int       _tp_store_register_tokenizer_full (sqlite3           *db,
                                             TpStoreVocabulary *vocabulary);

/* Splits @text into folded tokens the way the tokenizer does. */
GPtrArray *_tp_store_tokenize            (const char  *text);

/* Turns what a user typed into a safe FTS5 query: every word quoted, all
 * words required, the last one a prefix. %NULL when nothing searchable is
 * left (only punctuation, say). */
char     *_tp_store_build_fts_query      (const char  *text);

/* Reference timing for the benchmark: the same rows as the store writes,
 * into plain tables of a new file (no FTS, no index but the primary keys,
 * no duplicate check), one transaction per article, the store's pragmas. */
typedef struct _TpBareDb TpBareDb;

TpBareDb *_tp_store_bare_open            (const char  *path,
                                          GError     **error);
gboolean  _tp_store_bare_insert          (TpBareDb    *db,
                                          TpArticle   *article,
                                          GPtrArray   *statements,
                                          GError     **error);
void      _tp_store_bare_close           (TpBareDb    *db);

G_END_DECLS

G_BEGIN_DECLS

/* Helpers shared by the files of src/store/. */

typedef sqlite3_stmt TpStoreStmt;

static inline void
_tp_store_stmt_release (TpStoreStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpStoreStmt, _tp_store_stmt_release)

sqlite3     *_tp_store_get_db        (TpStore     *self);
TpStoreStmt *_tp_store_prepare       (TpStore     *self,
                                      const char  *sql,
                                      const char  *operation,
                                      GError     **error);
void         _tp_store_set_error     (TpStore     *self,
                                      GError     **error,
                                      const char  *operation);
gboolean     _tp_store_begin         (TpStore     *self,
                                      const char  *operation,
                                      GError     **error);
gboolean     _tp_store_commit        (TpStore     *self,
                                      const char  *operation,
                                      GError     **error);
void         _tp_store_rollback      (TpStore     *self);
gboolean     _tp_store_step_done     (TpStore     *self,
                                      TpStoreStmt *stmt,
                                      const char  *operation,
                                      GError     **error);
char        *_tp_store_now           (void);
gboolean     _tp_store_seed_lexicon  (TpStore     *self,
                                      GError     **error);
/* Schema 7: gives the library's actors the gender the default lexicon
 * knows for their key. Runs inside the migration's transaction. */
gboolean     _tp_store_fill_actor_genders (TpStore  *self,
                                           GError  **error);

gboolean     _tp_store_check_feed_url_free (TpStore     *self,
                                            const char  *url,
                                            gint64       except_id,
                                            gint64      *out_other_id,
                                            const char  *operation,
                                            GError     **error);

G_END_DECLS
