/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TP_TYPE_TIMELINE (tp_timeline_get_type ())

G_DECLARE_FINAL_TYPE (TpTimeline, tp_timeline, TP, TIMELINE, GtkWidget)

GtkWidget *tp_timeline_new        (void);
void       tp_timeline_set_data   (TpTimeline    *self,
                                   const GdkRGBA *color,
                                   GPtrArray     *rows,
                                   guint          first_day,
                                   guint          last_day);
guint      tp_timeline_get_n_points (TpTimeline  *self);
char      *tp_timeline_describe_at  (TpTimeline  *self,
                                     double       x,
                                     double       y);
guint      tp_timeline_day_of_iso   (const char  *iso);

G_END_DECLS
