/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tp-store-records.h"

G_BEGIN_DECLS

#define TP_TYPE_ARTICLE_ROW (tp_article_row_get_type ())

G_DECLARE_FINAL_TYPE (TpArticleRow, tp_article_row, TP, ARTICLE_ROW, GObject)

TpArticleRow     *tp_article_row_new         (void);
TpArticleSummary *tp_article_row_get_summary (TpArticleRow     *self);
void              tp_article_row_set_summary (TpArticleRow     *self,
                                              TpArticleSummary *summary);
gint64            tp_article_row_get_id      (TpArticleRow     *self);

G_END_DECLS
