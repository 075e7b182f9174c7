/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tp-statement-row.h"
#include "tp-timeline.h"
#include "tp-ui-private.h"

/* One side's statements over time: a dot per statement on a shared date
 * axis, so the strips of all sides line up. Dots on the same day stack
 * upwards. Hovering a dot shows the statement; clicking it opens it. */

#define DOT_RADIUS 4.0
#define PADDING 8.0

typedef struct
{
  TpStatementRow *row;
  guint           day;
  double          x;
  double          y;
} Point;

struct _TpTimeline
{
  GtkWidget  parent_instance;

  GdkRGBA    color;
  GArray    *points;   /* Point */
  guint      first_day;
  guint      last_day;
  int        layout_width;
  int        layout_height;
};

enum {
  STATEMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpTimeline, tp_timeline, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static void
layout_points (TpTimeline *self,
               int         width,
               int         height)
{
  g_autoptr(GHashTable) stacks = g_hash_table_new (NULL, NULL);
  double span = MAX ((double) self->last_day - self->first_day, 1.0);
  double usable = MAX (width - 2 * PADDING, 1.0);

  self->layout_width = width;
  self->layout_height = height;
  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);
      int column;
      guint depth;

      p->x = PADDING + usable * ((double) p->day - self->first_day) / span;
      column = (int) (p->x / (DOT_RADIUS * 2));
      depth = GPOINTER_TO_UINT (g_hash_table_lookup (stacks, GINT_TO_POINTER (column)));
      g_hash_table_insert (stacks, GINT_TO_POINTER (column), GUINT_TO_POINTER (depth + 1));
      /* Stack upwards, wrapping when the strip is full. */
      {
        guint per_column = MAX ((guint) ((height - 2) / (DOT_RADIUS * 2)), 1);
        p->y = height - 1 - DOT_RADIUS - (depth % per_column) * DOT_RADIUS * 2;
      }
    }
}

static Point *
point_at (TpTimeline *self,
          double      x,
          double      y)
{
  Point *best = NULL;
  double best_distance = (DOT_RADIUS + 3) * (DOT_RADIUS + 3);

  if (self->layout_width != gtk_widget_get_width (GTK_WIDGET (self)) ||
      self->layout_height != gtk_widget_get_height (GTK_WIDGET (self)))
    layout_points (self, gtk_widget_get_width (GTK_WIDGET (self)),
                   gtk_widget_get_height (GTK_WIDGET (self)));

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);
      double d = (p->x - x) * (p->x - x) + (p->y - y) * (p->y - y);

      if (d <= best_distance)
        {
          best = p;
          best_distance = d;
        }
    }
  return best;
}

/* Callbacks */

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  g_autofree char *text = tp_timeline_describe_at (TP_TIMELINE (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      TpTimeline      *self)
{
  Point *p = point_at (self, x, y);

  if (p != NULL)
    g_signal_emit (self, signals[STATEMENT_ACTIVATED], 0, p->row);
}

/* GtkWidget overrides */

static void
tp_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  TpTimeline *self = TP_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA axis;

  if (width <= 0 || height <= 0)
    return;
  layout_points (self, width, height);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &axis);
  axis.alpha = 0.25;
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, PADDING, height - 0.5);
  cairo_line_to (cr, width - PADDING, height - 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *p = &g_array_index (self->points, Point, i);

      cairo_new_sub_path (cr);
      cairo_arc (cr, p->x, p->y, DOT_RADIUS - 0.5, 0, 2 * G_PI);
    }
  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
tp_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 120;
  else
    *minimum = *natural = 26;
}

/* GObject overrides */

static void
tp_timeline_finalize (GObject *object)
{
  TpTimeline *self = TP_TIMELINE (object);

  for (guint i = 0; i < self->points->len; i++)
    g_object_unref (g_array_index (self->points, Point, i).row);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (tp_timeline_parent_class)->finalize (object);
}

static void
tp_timeline_class_init (TpTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tp_timeline_finalize;
  widget_class->snapshot = tp_timeline_snapshot;
  widget_class->measure = tp_timeline_measure;

  /**
   * TpTimeline::statement-activated:
   * @row: the TpStatementRow clicked
   */
  signals[STATEMENT_ACTIVATED] =
    g_signal_new ("statement-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TP_TYPE_STATEMENT_ROW);

  gtk_widget_class_set_css_name (widget_class, "tptimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tp_timeline_init (TpTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  gdk_rgba_parse (&self->color, "#77767b");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* Public API */

GtkWidget *
tp_timeline_new (void)
{
  return g_object_new (TP_TYPE_TIMELINE, NULL);
}

/**
 * tp_timeline_day_of_iso:
 * @iso: (nullable): a date, "YYYY-MM-DD…"
 *
 * Returns: the Julian day number, or 0 when @iso is not a date
 */
guint
tp_timeline_day_of_iso (const char *iso)
{
  int y, m, d;
  GDate date;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

/**
 * tp_timeline_set_data:
 * @rows: (element-type TpStatementRow): the side's statements
 * @first_day: Julian day at the left edge
 * @last_day: Julian day at the right edge
 */
void
tp_timeline_set_data (TpTimeline    *self,
                      const GdkRGBA *color,
                      GPtrArray     *rows,
                      guint          first_day,
                      guint          last_day)
{
  g_autofree char *label = NULL;

  g_return_if_fail (TP_IS_TIMELINE (self));

  for (guint i = 0; i < self->points->len; i++)
    g_object_unref (g_array_index (self->points, Point, i).row);
  g_array_set_size (self->points, 0);

  self->color = *color;
  self->first_day = first_day;
  self->last_day = MAX (last_day, first_day);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      TpStatementRow *row = g_ptr_array_index (rows, i);
      Point p = { 0 };

      p.day = tp_timeline_day_of_iso (tp_statement_row_get_date (row));
      if (p.day == 0)
        continue;
      p.row = g_object_ref (row);
      g_array_append_val (self->points, p);
    }
  self->layout_width = -1;

  label = g_strdup_printf (ngettext ("%u statement over time", "%u statements over time",
                                     self->points->len), self->points->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
tp_timeline_get_n_points (TpTimeline *self)
{
  g_return_val_if_fail (TP_IS_TIMELINE (self), 0);
  return self->points->len;
}

/**
 * tp_timeline_describe_at:
 *
 * Returns: (nullable) (transfer full): the tooltip text for the statement
 *   drawn at (@x, @y), or %NULL when there is none
 */
char *
tp_timeline_describe_at (TpTimeline *self,
                         double      x,
                         double      y)
{
  Point *p;
  TpStatement *st;
  g_autofree char *date = NULL;

  g_return_val_if_fail (TP_IS_TIMELINE (self), NULL);

  p = point_at (self, x, y);
  if (p == NULL)
    return NULL;
  st = tp_statement_row_get_statement (p->row);
  date = _tp_format_day (p->day);
  /* Translators: timeline tooltip: date, speaker, then the statement on a new line */
  return g_strdup_printf (_("%s — %s\n“%s”"), date,
                          st->actor ? st->actor : st->speaker ? st->speaker : _("Unknown speaker"),
                          st->text ? st->text : "");
}
