/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-application.h"
#include "tp-article-view.h"
#include "tp-compare-view.h"
#include "tp-library-view.h"
#include "tp-library-worker.h"

G_BEGIN_DECLS

#define TP_TYPE_WINDOW (tp_window_get_type ())

G_DECLARE_FINAL_TYPE (TpWindow, tp_window, TP, WINDOW, AdwApplicationWindow)

TpWindow        *tp_window_new                 (TpApplication *application,
                                                const char    *library_path);
TpLibraryWorker *tp_window_get_worker          (TpWindow      *self);
void             tp_window_set_library         (TpWindow      *self,
                                                const char    *library_path);
void             tp_window_import_files        (TpWindow      *self,
                                                GFile        **files,
                                                gint           n_files);
void             tp_window_import_text         (TpWindow      *self,
                                                const char    *text);
void             tp_window_open_sample_library (TpWindow      *self);
void             tp_window_open_article        (TpWindow      *self,
                                                gint64         article_id,
                                                gint64         statement_id);
void             tp_window_show_view           (TpWindow      *self,
                                                const char    *name);
void             tp_window_prepare_timed_start (TpWindow      *self);
TpLibraryView   *tp_window_get_library_view    (TpWindow      *self);
TpCompareView   *tp_window_get_compare_view    (TpWindow      *self);
TpArticleView   *tp_window_get_article_view    (TpWindow      *self);
gboolean         tp_window_get_importing       (TpWindow      *self);
void             tp_window_reattribute         (TpWindow      *self);
AdwMessageDialog *tp_window_get_damage_dialog  (TpWindow      *self);

G_END_DECLS
