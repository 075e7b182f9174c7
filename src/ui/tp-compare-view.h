/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-library-worker.h"

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

G_END_DECLS
