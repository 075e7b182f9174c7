/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tp-article.h"
#include "tp-statement.h"

G_BEGIN_DECLS

/* Plain records the store hands out. Each is reference counted (or, for the
 * small ones, copied) and has public fields, like TpArticle and TpStatement.
 * Dates are ISO 8601 strings: "YYYY-MM-DD" for dates, "YYYY-MM-DDTHH:MM:SSZ"
 * (UTC) for moments. */

/**
 * TpArticleSummary:
 * @article: the article without @body and @captions (they stay %NULL/empty)
 * @n_statements: statements in the article, rejected ones excluded
 * @side_counts: (element-type utf8 guint): side key → number of statements
 *   attributed to that side (rejected ones excluded); read it with
 *   tp_article_summary_get_side_count()
 *
 * One row of the library list.
 */
typedef struct _TpArticleSummary TpArticleSummary;

struct _TpArticleSummary
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  TpArticle  *article;
  guint       n_statements;
  GHashTable *side_counts;
};

#define TP_TYPE_ARTICLE_SUMMARY (tp_article_summary_get_type ())

GType             tp_article_summary_get_type       (void) G_GNUC_CONST;
TpArticleSummary *tp_article_summary_new            (TpArticle        *article);
TpArticleSummary *tp_article_summary_ref            (TpArticleSummary *self);
void              tp_article_summary_unref          (TpArticleSummary *self);
guint             tp_article_summary_get_side_count (TpArticleSummary *self,
                                                     const char       *side);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpArticleSummary, tp_article_summary_unref)

typedef enum
{
  TP_SEARCH_HIT_ARTICLE,
  TP_SEARCH_HIT_STATEMENT,
} TpSearchHitKind;

/**
 * TpSearchHit:
 * @kind: whether an article or a statement matched
 * @article_id: the article (of the statement, for statement hits)
 * @statement_id: the statement, or 0 for article hits
 * @title: the article's title
 * @outlet: the article's outlet
 * @published: the article's publication date
 * @speaker: the statement's speaker (statement hits only)
 * @side: the statement's side key (statement hits only)
 * @snippet: plain text around the matches
 * @snippet_markup: the same text escaped for Pango/HTML with the matched
 *   words in `<b>…</b>`
 * @rank: bm25 score when ranked by relevance (lower is better), else 0
 */
typedef struct _TpSearchHit TpSearchHit;

struct _TpSearchHit
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  TpSearchHitKind  kind;
  gint64           article_id;
  gint64           statement_id;
  char            *title;
  char            *outlet;
  char            *published;
  char            *speaker;
  char            *side;
  char            *snippet;
  char            *snippet_markup;
  double           rank;
};

#define TP_TYPE_SEARCH_HIT (tp_search_hit_get_type ())

GType        tp_search_hit_get_type (void) G_GNUC_CONST;
TpSearchHit *tp_search_hit_new      (void);
TpSearchHit *tp_search_hit_ref      (TpSearchHit *self);
void         tp_search_hit_unref    (TpSearchHit *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpSearchHit, tp_search_hit_unref)

/**
 * TpTag:
 * @id: row id
 * @name: unique name
 * @color: a CSS colour ("#3584e4") or %NULL
 * @n_statements: statements carrying the tag
 */
typedef struct _TpTag TpTag;

struct _TpTag
{
  gint64  id;
  char   *name;
  char   *color;
  guint   n_statements;
};

#define TP_TYPE_TAG (tp_tag_get_type ())

GType  tp_tag_get_type (void) G_GNUC_CONST;
TpTag *tp_tag_copy     (const TpTag *self);
void   tp_tag_free     (TpTag       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpTag, tp_tag_free)

/**
 * TpNote:
 * @id: row id
 * @statement_id: the statement the note belongs to
 * @text: the note
 * @created: when it was written (UTC)
 * @modified: when it was last edited (UTC)
 */
typedef struct _TpNote TpNote;

struct _TpNote
{
  gint64  id;
  gint64  statement_id;
  char   *text;
  char   *created;
  char   *modified;
};

#define TP_TYPE_NOTE (tp_note_get_type ())

GType   tp_note_get_type (void) G_GNUC_CONST;
TpNote *tp_note_copy     (const TpNote *self);
void    tp_note_free     (TpNote       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpNote, tp_note_free)

/**
 * TpFeed:
 * @id: row id
 * @url: the feed's address (unique)
 * @title: the feed's title, or %NULL until known
 * @etag: the last ETag the server sent, or %NULL
 * @last_modified: the last Last-Modified header, verbatim, or %NULL
 * @refresh_interval: seconds between refreshes; 0 means the default
 * @fetch_full_page: fetch each item's page instead of using the summary
 * @last_checked: when the feed was last fetched (UTC), or %NULL
 * @last_error: the last error message, or %NULL after a success
 * @error_count: consecutive failures, for back-off
 * @added: when the feed was added (UTC)
 * @n_articles: articles stored from this feed
 *
 * A feed subscription. tp_store_update_feed() writes every field but @id,
 * @url, @added and @n_articles.
 */
typedef struct _TpFeed TpFeed;

struct _TpFeed
{
  gint64    id;
  char     *url;
  char     *title;
  char     *etag;
  char     *last_modified;
  guint     refresh_interval;
  gboolean  fetch_full_page;
  char     *last_checked;
  char     *last_error;
  guint     error_count;
  char     *added;
  guint     n_articles;
};

#define TP_TYPE_FEED (tp_feed_get_type ())

GType   tp_feed_get_type (void) G_GNUC_CONST;
TpFeed *tp_feed_new      (void);
TpFeed *tp_feed_copy     (const TpFeed *self);
void    tp_feed_free     (TpFeed       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpFeed, tp_feed_free)

G_END_DECLS
