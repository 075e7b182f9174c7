/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-article.h"
#include "tp-lexicon.h"
#include "tp-statement.h"
#include "tp-store-records.h"

G_BEGIN_DECLS

/* The library file. A TpStore owns one SQLite connection and must be used
 * from one thread only; open one store per worker thread (WAL mode lets them
 * read while another writes; writers wait up to 5 s for each other). */

#define TP_STORE_ERROR (tp_store_error_quark ())

typedef enum
{
  TP_STORE_ERROR_OPEN,        /* cannot create or open the file */
  TP_STORE_ERROR_NOT_LIBRARY, /* the file is not a Triptych library (or is damaged) */
  TP_STORE_ERROR_TOO_NEW,     /* written by a newer Triptych */
  TP_STORE_ERROR_DUPLICATE,   /* the article (or feed, tag) is already there */
  TP_STORE_ERROR_NOT_FOUND,   /* no row with that id */
  TP_STORE_ERROR_INVALID,     /* bad argument: empty name, span outside the body... */
  TP_STORE_ERROR_BUSY,        /* another writer held the file for too long */
  TP_STORE_ERROR_FAILED,      /* any other SQLite failure */
} TpStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define TP_STORE_SCHEMA_VERSION 7

/* Bit masks of review statuses for filters: TP_REVIEW_MASK (TP_REVIEW_CONFIRMED). */
#define TP_REVIEW_MASK(status) (1u << (status))

/**
 * TpArticleFilter:
 * @query: (nullable): full-text query over title and body (search-as-you-type
 *   rules of tp_store_search())
 * @outlet: (nullable): exact outlet
 * @language: (nullable): ISO 639-1 code
 * @date_from: (nullable): first publication date, "YYYY-MM-DD", inclusive
 * @date_until: (nullable): last publication date, "YYYY-MM-DD", inclusive
 * @feed_id: only articles from this feed, or 0
 *
 * Filters for listing articles. Zero-initialise, set what you need.
 * Articles without a publication date are dated by their import date.
 */
typedef struct
{
  const char *query;
  const char *outlet;
  const char *language;
  const char *date_from;
  const char *date_until;
  gint64      feed_id;
} TpArticleFilter;

/**
 * TpStatementFilter:
 * @query: (nullable): full-text query over text and speaker
 * @side: (nullable): side key; "" selects statements with no side
 * @topic: (nullable): topic key
 * @actor: (nullable): actor key
 * @article_id: only this article's statements, or 0
 * @date_from: (nullable): first date, inclusive; a statement is dated by
 *   @said_on, else by its article's publication (or import) date
 * @date_until: (nullable): last date, inclusive
 * @outlet: (nullable): the article's outlet
 * @language: (nullable): the article's language
 * @tag: (nullable): tag name
 * @review_mask: TP_REVIEW_MASK() bits; 0 means any status
 * @starred_only: only starred statements
 *
 * Filters for listing statements. Zero-initialise, set what you need.
 */
typedef struct
{
  const char *query;
  const char *side;
  const char *topic;
  const char *actor;
  gint64      article_id;
  const char *date_from;
  const char *date_until;
  const char *outlet;
  const char *language;
  const char *tag;
  guint       review_mask;
  gboolean    starred_only;
} TpStatementFilter;

/**
 * TpComparisonFilter:
 * @date_from: (nullable): first date, inclusive ("YYYY-MM-DD"); statements
 *   are dated by when they were said, else by their article
 * @date_until: (nullable): last date, inclusive
 * @outlets: (nullable) (array zero-terminated=1): only these outlets
 * @languages: (nullable) (array zero-terminated=1): only these languages
 * @tags: (nullable) (array zero-terminated=1): statements with any of these tags
 * @review_mask: TP_REVIEW_MASK() bits; 0 means every status but rejected
 * @sides: (nullable) (array zero-terminated=1): only these sides (columns)
 * @topics: (nullable) (array zero-terminated=1): only these topics (rows)
 * @max_per_cell: keep the newest N statements of each cell; 0 keeps all
 * @with_annotations: also load each statement's tags and notes
 *
 * What a comparison (src/compare/) shows. Zero-initialise, set what you need.
 */
typedef struct
{
  const char         *date_from;
  const char         *date_until;
  const char * const *outlets;
  const char * const *languages;
  const char * const *tags;
  guint               review_mask;
  const char * const *sides;
  const char * const *topics;
  guint               max_per_cell;
  gboolean            with_annotations;
} TpComparisonFilter;

/**
 * TpComparisonRowFunc:
 * @topic: the topic key of the cell
 * @statement: the statement (on the cell's side: @statement->side)
 * @article: its article, without body
 * @starred: whether the statement is starred
 * @cell_total: statements in the cell before @max_per_cell cut it
 * @user_data: closure
 *
 * Called by tp_store_foreach_comparison_row() for each row, ordered by
 * topic, side, then newest first. A statement with several topics comes
 * once per topic.
 */
typedef void (*TpComparisonRowFunc) (const char  *topic,
                                     TpStatement *statement,
                                     TpArticle   *article,
                                     gboolean     starred,
                                     guint        cell_total,
                                     gpointer     user_data);

typedef enum
{
  TP_SEARCH_ARTICLES,
  TP_SEARCH_STATEMENTS,
} TpSearchScope;

typedef enum
{
  TP_SEARCH_NEWEST,     /* newest first: cheap, the default */
  TP_SEARCH_RELEVANCE,  /* bm25 over every hit: slower on common words */
} TpSearchOrder;

#define TP_TYPE_STORE (tp_store_get_type ())

G_DECLARE_FINAL_TYPE (TpStore, tp_store, TP, STORE, GObject)

GQuark       tp_store_error_quark          (void);

TpStore     *tp_store_open                 (const char         *path,
                                            GError            **error);
const char  *tp_store_get_path             (TpStore            *self);
guint        tp_store_get_schema_version   (TpStore            *self);

/* Batches: many writes in one transaction, for bulk imports */
gboolean     tp_store_begin_batch          (TpStore            *self,
                                            GError            **error);
gboolean     tp_store_commit_batch         (TpStore            *self,
                                            GError            **error);
void         tp_store_rollback_batch       (TpStore            *self);

/* Articles */
gboolean     tp_store_add_article          (TpStore            *self,
                                            TpArticle          *article,
                                            GPtrArray          *statements,
                                            gint64             *out_id,
                                            GError            **error);
TpArticle   *tp_store_get_article          (TpStore            *self,
                                            gint64              article_id,
                                            GError            **error);
GPtrArray   *tp_store_list_articles        (TpStore            *self,
                                            const TpArticleFilter *filter,
                                            guint               offset,
                                            guint               limit,
                                            GError            **error);
gint64       tp_store_count_articles       (TpStore            *self,
                                            const TpArticleFilter *filter,
                                            GError            **error);
GStrv        tp_store_list_outlets         (TpStore            *self,
                                            GError            **error);
GStrv        tp_store_list_languages       (TpStore            *self,
                                            GError            **error);
gboolean     tp_store_delete_article       (TpStore            *self,
                                            gint64              article_id,
                                            GError            **error);
gboolean     tp_store_set_article_feed     (TpStore            *self,
                                            gint64              article_id,
                                            gint64              feed_id,
                                            GError            **error);

/* Statements */
GPtrArray   *tp_store_list_statements      (TpStore            *self,
                                            const TpStatementFilter *filter,
                                            guint               offset,
                                            guint               limit,
                                            GError            **error);
gint64       tp_store_count_statements     (TpStore            *self,
                                            const TpStatementFilter *filter,
                                            GError            **error);
TpStatement *tp_store_get_statement        (TpStore            *self,
                                            gint64              statement_id,
                                            GError            **error);
gboolean     tp_store_update_statement     (TpStore            *self,
                                            TpStatement        *statement,
                                            GError            **error);
gboolean     tp_store_set_statement_review (TpStore            *self,
                                            gint64              statement_id,
                                            TpReviewStatus      review,
                                            GError            **error);
gboolean     tp_store_add_statement        (TpStore            *self,
                                            gint64              article_id,
                                            TpStatement        *statement,
                                            gint64             *out_id,
                                            GError            **error);
gboolean     tp_store_delete_statement     (TpStore            *self,
                                            gint64              statement_id,
                                            GError            **error);
gboolean     tp_store_replace_statements   (TpStore            *self,
                                            gint64              article_id,
                                            GPtrArray          *statements,
                                            GError            **error);
gboolean     tp_store_set_statement_starred (TpStore           *self,
                                            gint64              statement_id,
                                            gboolean            starred,
                                            GError            **error);
gboolean     tp_store_get_statement_starred (TpStore           *self,
                                            gint64              statement_id,
                                            gboolean           *out_starred,
                                            GError            **error);

gboolean     tp_store_foreach_comparison_row (TpStore                  *self,
                                              const TpComparisonFilter *filter,
                                              TpComparisonRowFunc       func,
                                              gpointer                  user_data,
                                              GError                  **error);

/* Search */
GPtrArray   *tp_store_search               (TpStore            *self,
                                            const char         *query,
                                            TpSearchScope       scope,
                                            TpSearchOrder       order,
                                            guint               offset,
                                            guint               limit,
                                            GError            **error);
gint64       tp_store_count_search         (TpStore            *self,
                                            const char         *query,
                                            TpSearchScope       scope,
                                            GError            **error);

/* Tags */
GPtrArray   *tp_store_list_tags            (TpStore            *self,
                                            GError            **error);
gboolean     tp_store_create_tag           (TpStore            *self,
                                            const char         *name,
                                            const char         *color,
                                            gint64             *out_id,
                                            GError            **error);
gint64       tp_store_ensure_tag           (TpStore            *self,
                                            const char         *name,
                                            GError            **error);
gint64       tp_store_lookup_tag           (TpStore            *self,
                                            const char         *name,
                                            GError            **error);
gboolean     tp_store_rename_tag           (TpStore            *self,
                                            gint64              tag_id,
                                            const char         *name,
                                            GError            **error);
gboolean     tp_store_set_tag_color        (TpStore            *self,
                                            gint64              tag_id,
                                            const char         *color,
                                            GError            **error);
gboolean     tp_store_merge_tags           (TpStore            *self,
                                            gint64              from_id,
                                            gint64              into_id,
                                            GError            **error);
gboolean     tp_store_delete_tag           (TpStore            *self,
                                            gint64              tag_id,
                                            GError            **error);
gboolean     tp_store_tag_statement        (TpStore            *self,
                                            gint64              statement_id,
                                            gint64              tag_id,
                                            GError            **error);
gboolean     tp_store_untag_statement      (TpStore            *self,
                                            gint64              statement_id,
                                            gint64              tag_id,
                                            GError            **error);
GPtrArray   *tp_store_list_statement_tags  (TpStore            *self,
                                            gint64              statement_id,
                                            GError            **error);

/* Notes */
GPtrArray   *tp_store_list_notes           (TpStore            *self,
                                            gint64              statement_id,
                                            GError            **error);
gboolean     tp_store_add_note             (TpStore            *self,
                                            gint64              statement_id,
                                            const char         *text,
                                            gint64             *out_id,
                                            GError            **error);
gboolean     tp_store_update_note          (TpStore            *self,
                                            gint64              note_id,
                                            const char         *text,
                                            GError            **error);
gboolean     tp_store_delete_note          (TpStore            *self,
                                            gint64              note_id,
                                            GError            **error);

/* Feeds */
gboolean     tp_store_add_feed             (TpStore            *self,
                                            const char         *url,
                                            const char         *title,
                                            gint64             *out_id,
                                            GError            **error);
GPtrArray   *tp_store_list_feeds           (TpStore            *self,
                                            GError            **error);
TpFeed      *tp_store_get_feed             (TpStore            *self,
                                            gint64              feed_id,
                                            GError            **error);
gboolean     tp_store_update_feed          (TpStore            *self,
                                            const TpFeed       *feed,
                                            GError            **error);
gboolean     tp_store_remove_feed          (TpStore            *self,
                                            gint64              feed_id,
                                            GError            **error);

/* Lexicon: the library's editable copy of sides, actors, topics and cues.
 * The default lexicon is copied in when a library is created; read it back
 * with tp_store_load_lexicon(). Keys are stable identifiers ("moscow",
 * "peskov", "ceasefire"); saving an existing key updates it. */
TpLexicon   *tp_store_load_lexicon         (TpStore            *self,
                                            GError            **error);
gboolean     tp_store_import_lexicon       (TpStore            *self,
                                            TpLexicon          *lexicon,
                                            GError            **error);
gboolean     tp_store_save_side            (TpStore            *self,
                                            const char         *key,
                                            const char         *name,
                                            const char         *color,
                                            int                 order,
                                            GError            **error);
gboolean     tp_store_delete_side          (TpStore            *self,
                                            const char         *key,
                                            GError            **error);
gboolean     tp_store_save_actor           (TpStore            *self,
                                            const char         *key,
                                            const char         *name,
                                            const char         *side,
                                            TpActorKind         kind,
                                            const char         *role,
                                            GError            **error);
gboolean     tp_store_set_actor_gender     (TpStore            *self,
                                            const char         *key,
                                            TpGender            gender,
                                            GError            **error);
gboolean     tp_store_delete_actor         (TpStore            *self,
                                            const char         *key,
                                            GError            **error);
gboolean     tp_store_add_actor_alias      (TpStore            *self,
                                            const char         *actor,
                                            const char         *language,
                                            const char         *alias,
                                            gboolean            role,
                                            const char         *valid_from,
                                            const char         *valid_until,
                                            GError            **error);
gboolean     tp_store_delete_actor_alias   (TpStore            *self,
                                            const char         *actor,
                                            const char         *alias,
                                            GError            **error);
gboolean     tp_store_save_topic           (TpStore            *self,
                                            const char         *key,
                                            const char         *name,
                                            GError            **error);
gboolean     tp_store_delete_topic         (TpStore            *self,
                                            const char         *key,
                                            GError            **error);
gboolean     tp_store_add_topic_keyword    (TpStore            *self,
                                            const char         *topic,
                                            const char         *language,
                                            const char         *keyword,
                                            GError            **error);
gboolean     tp_store_delete_topic_keyword (TpStore            *self,
                                            const char         *topic,
                                            const char         *keyword,
                                            GError            **error);
gboolean     tp_store_add_cue              (TpStore            *self,
                                            const char         *language,
                                            const char         *cue,
                                            TpCueType           type,
                                            GError            **error);
gboolean     tp_store_delete_cue           (TpStore            *self,
                                            const char         *language,
                                            const char         *cue,
                                            GError            **error);

G_END_DECLS
