/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-library-worker.h"

G_BEGIN_DECLS

/* Articles read from the library at a time, and in a first page. */
#define TP_ARTICLE_LIST_PAGE_SIZE 200

#define TP_TYPE_ARTICLE_LIST (tp_article_list_get_type ())

G_DECLARE_FINAL_TYPE (TpArticleList, tp_article_list, TP, ARTICLE_LIST, GObject)

TpArticleList         *tp_article_list_new        (TpLibraryWorker       *worker);
void                   tp_article_list_set_filter (TpArticleList         *self,
                                                   const TpLibraryFilter *filter);
const TpLibraryFilter *tp_article_list_get_filter (TpArticleList         *self);
void                   tp_article_list_reload     (TpArticleList         *self);
void                   tp_article_list_offer_first_page (TpArticleList      *self,
                                                         TpLibraryFirstPage *first_page);
gboolean               tp_article_list_get_loading (TpArticleList        *self);
guint                  tp_article_list_hide       (TpArticleList         *self,
                                                   guint                  position);
void                   tp_article_list_unhide     (TpArticleList         *self,
                                                   guint                  real_position);

G_END_DECLS
