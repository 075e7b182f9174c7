/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-annotation-panel.h"
#include "tp-library-worker.h"
#include "tp-report-writer.h"

G_BEGIN_DECLS

#define TP_TYPE_COMPARE_VIEW (tp_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (TpCompareView, tp_compare_view, TP, COMPARE_VIEW, GtkWidget)

void              tp_compare_view_set_worker (TpCompareView   *self,
                                              TpLibraryWorker *worker);
void              tp_compare_view_reload     (TpCompareView   *self);
TpComparisonGrid *tp_compare_view_get_grid   (TpCompareView   *self);
GtkWidget        *tp_compare_view_get_cell_widget (TpCompareView *self,
                                                   guint          topic,
                                                   guint          side);
void               tp_compare_view_annotate   (TpCompareView   *self,
                                               TpStatement     *statement,
                                               const char      *outlet,
                                               const char      *date);
TpAnnotationPanel *tp_compare_view_get_annotation_panel (TpCompareView *self);
void               tp_compare_view_export      (TpCompareView  *self);
void               tp_compare_view_export_file (TpCompareView  *self,
                                                GFile          *file,
                                                TpReportFormat  format,
                                                gboolean        with_annotations);
void               tp_compare_view_print       (TpCompareView  *self);

G_END_DECLS
