/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tp-lexicon.h"
#include "tp-store.h"

G_BEGIN_DECLS

/**
 * TpComparisonItem:
 * @statement: the statement
 * @article: its article (title, outlet, url or source file, dates; no body)
 * @date: the date the statement is filed under: when it was said, else
 *   its article's publication (or import) date, "YYYY-MM-DD"
 * @starred: whether a journalist starred it
 * @tags: (element-type TpTag): its tags, when the filter asked for annotations
 * @notes: (element-type TpNote): its notes, oldest first, likewise
 *
 * One statement in one cell of a comparison. Read-only.
 */
typedef struct _TpComparisonItem TpComparisonItem;

struct _TpComparisonItem
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  TpStatement *statement;
  TpArticle   *article;
  char        *date;
  gboolean     starred;
  GPtrArray   *tags;
  GPtrArray   *notes;
};

#define TP_TYPE_COMPARISON_ITEM (tp_comparison_item_get_type ())

GType             tp_comparison_item_get_type (void) G_GNUC_CONST;
TpComparisonItem *tp_comparison_item_ref      (TpComparisonItem *self);
void              tp_comparison_item_unref    (TpComparisonItem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpComparisonItem, tp_comparison_item_unref)

/* A comparison: topics (rows) × sides (columns), each cell the statements
 * of that side on that topic, newest first. Built once from a store with a
 * TpComparisonFilter and read-only afterwards, so it can be built on a
 * worker thread and handed to the GUI or a report writer. */

#define TP_TYPE_COMPARISON (tp_comparison_get_type ())

G_DECLARE_FINAL_TYPE (TpComparison, tp_comparison, TP, COMPARISON, GObject)

TpComparison         *tp_comparison_new               (TpStore                  *store,
                                                       const TpComparisonFilter *filter,
                                                       GError                  **error);

guint                 tp_comparison_get_n_topics      (TpComparison *self);
const TpLexiconTopic *tp_comparison_get_topic         (TpComparison *self,
                                                       guint         topic);
guint                 tp_comparison_get_n_sides       (TpComparison *self);
const TpLexiconSide  *tp_comparison_get_side          (TpComparison *self,
                                                       guint         side);
GPtrArray            *tp_comparison_get_cell          (TpComparison *self,
                                                       guint         topic,
                                                       guint         side);
guint                 tp_comparison_get_cell_total    (TpComparison *self,
                                                       guint         topic,
                                                       guint         side);
gboolean              tp_comparison_topic_is_empty    (TpComparison *self,
                                                       guint         topic);
guint                 tp_comparison_get_n_statements  (TpComparison *self);
gboolean              tp_comparison_is_empty          (TpComparison *self);
TpLexicon            *tp_comparison_get_lexicon       (TpComparison *self);
const char           *tp_comparison_get_date_from     (TpComparison *self);
const char           *tp_comparison_get_date_until    (TpComparison *self);
const char * const   *tp_comparison_get_outlets       (TpComparison *self);
const char * const   *tp_comparison_get_languages     (TpComparison *self);
const char * const   *tp_comparison_get_tags          (TpComparison *self);
guint                 tp_comparison_get_review_mask   (TpComparison *self);
const char           *tp_comparison_get_generated     (TpComparison *self);

G_END_DECLS
