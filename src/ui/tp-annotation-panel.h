/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The journalist's layer on one statement: review status, star, tags and
 * notes, edited in place. Every read and write runs on a worker thread
 * with its own connection to the library; the panel emits ::changed after
 * each saved edit so the views showing the statement can refresh (with
 * the statement's id, or 0 after a library-wide tag edit with none shown).
 * It also manages the library's tags: rename, merge (rename onto another
 * tag's name) and delete with Undo. The
 * template is /io/github/triptych/Triptych/tp-annotation-panel.ui. */

#define TP_TYPE_ANNOTATION_PANEL (tp_annotation_panel_get_type ())

G_DECLARE_FINAL_TYPE (TpAnnotationPanel, tp_annotation_panel, TP, ANNOTATION_PANEL, GtkWidget)

GtkWidget  *tp_annotation_panel_new           (void);
void        tp_annotation_panel_set_library   (TpAnnotationPanel *self,
                                               const char        *db_path);
const char *tp_annotation_panel_get_library   (TpAnnotationPanel *self);
void        tp_annotation_panel_set_statement (TpAnnotationPanel *self,
                                               gint64             statement_id);
gint64      tp_annotation_panel_get_statement (TpAnnotationPanel *self);
gboolean    tp_annotation_panel_is_busy       (TpAnnotationPanel *self);
void        tp_annotation_panel_flush         (TpAnnotationPanel *self);

G_END_DECLS
