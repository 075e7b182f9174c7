/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-article-list.h"
#include "tp-library-worker.h"

G_BEGIN_DECLS

#define TP_TYPE_LIBRARY_VIEW (tp_library_view_get_type ())

G_DECLARE_FINAL_TYPE (TpLibraryView, tp_library_view, TP, LIBRARY_VIEW, GtkWidget)

void           tp_library_view_set_worker      (TpLibraryView   *self,
                                                TpLibraryWorker *worker);
void           tp_library_view_set_worker_full (TpLibraryView      *self,
                                                TpLibraryWorker    *worker,
                                                TpLibraryFirstPage *first_page);
TpLibraryFilter *tp_library_view_dup_filter    (TpLibraryView   *self);
void           tp_library_view_set_lexicon     (TpLibraryView   *self,
                                                TpLexicon       *lexicon);
void           tp_library_view_reload          (TpLibraryView   *self);
void           tp_library_view_focus_search    (TpLibraryView   *self);
TpArticleList *tp_library_view_get_model       (TpLibraryView   *self);
GtkColumnView *tp_library_view_get_column_view (TpLibraryView   *self);
gint64         tp_library_view_hide_selected   (TpLibraryView   *self,
                                                guint           *out_token,
                                                char           **out_title);
void           tp_library_view_unhide          (TpLibraryView   *self,
                                                guint            token);
void           tp_library_view_set_search_text (TpLibraryView   *self,
                                                const char      *text);

G_END_DECLS
