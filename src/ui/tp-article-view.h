/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-annotation-panel.h"
#include "tp-library-worker.h"

G_BEGIN_DECLS

#define TP_TYPE_ARTICLE_VIEW (tp_article_view_get_type ())

G_DECLARE_FINAL_TYPE (TpArticleView, tp_article_view, TP, ARTICLE_VIEW, GtkWidget)

void               tp_article_view_set_worker      (TpArticleView   *self,
                                                    TpLibraryWorker *worker);
void               tp_article_view_load            (TpArticleView   *self,
                                                    gint64           article_id,
                                                    gint64           statement_id);
TpArticleDocument *tp_article_view_get_document    (TpArticleView   *self);
GtkTextView       *tp_article_view_get_text_view   (TpArticleView   *self);
TpStatement       *tp_article_view_get_selected_statement (TpArticleView *self);
void               tp_article_view_select_statement (TpArticleView  *self,
                                                     gint64          statement_id);
void               tp_article_view_add_statement_for_selection (TpArticleView *self);
TpAnnotationPanel *tp_article_view_get_annotation_panel (TpArticleView *self);

G_END_DECLS
