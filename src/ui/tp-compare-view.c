/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-compare-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tp-compare-view.h"
#include "tp-statement-row.h"
#include "tp-timeline.h"
#include "tp-ui-private.h"

/* Statements listed per cell; the rest are counted ("12 more"). */
#define PER_CELL 10

struct _TpCompareView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *box;
  GtkDropDown      *outlet_dropdown;
  GtkDropDown      *language_dropdown;
  GtkDropDown      *tag_dropdown;
  GtkDropDown      *review_dropdown;
  GtkEntry         *since_entry;
  GtkEntry         *until_entry;
  GtkStack         *content_stack;
  GtkGrid          *timeline_grid;
  GtkGrid          *grid;

  GSettings        *settings;
  TpLibraryWorker  *worker;
  GCancellable     *cancellable;
  GCancellable     *facets_cancellable;
  TpComparisonGrid *result;         /* shown in full */
  TpComparisonGrid *pending;        /* being turned into widgets */
  guint             build_id;
  guint             build_topic;
  guint             build_total;
  gboolean          dirty;          /* reload when next shown */
  GPtrArray        *cell_widgets;   /* GtkWidget per cell, as in result->cells */

  GtkStringList    *outlets;
  GtkStringList    *languages;
  GPtrArray        *language_codes;
  GtkStringList    *tags;
  gboolean          updating_facets;
};

enum {
  STATEMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpCompareView, tp_compare_view, GTK_TYPE_WIDGET)

/* Review filter choices, in the order of the dropdown. */
static const struct { const char *setting; guint mask; } review_choices[] = {
  { "", 0 },
  { "not-rejected", TP_REVIEW_MASK (TP_REVIEW_AUTO) | TP_REVIEW_MASK (TP_REVIEW_CONFIRMED) |
                    TP_REVIEW_MASK (TP_REVIEW_EDITED) },
  { "auto", TP_REVIEW_MASK (TP_REVIEW_AUTO) },
  { "confirmed", TP_REVIEW_MASK (TP_REVIEW_CONFIRMED) },
  { "edited", TP_REVIEW_MASK (TP_REVIEW_EDITED) },
  { "rejected", TP_REVIEW_MASK (TP_REVIEW_REJECTED) },
};

static void reload (TpCompareView *self);

/* Auxiliary methods */

static const char *
valid_date (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  int y, m, d;

  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }
  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return text;
}

static TpLibraryFilter *
current_filter (TpCompareView *self)
{
  TpLibraryFilter *filter = tp_library_filter_new ();
  guint outlet = gtk_drop_down_get_selected (self->outlet_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  guint review = gtk_drop_down_get_selected (self->review_dropdown);

  if (outlet != GTK_INVALID_LIST_POSITION && outlet > 0)
    filter->outlet = g_strdup (gtk_string_list_get_string (self->outlets, outlet));
  if (language != GTK_INVALID_LIST_POSITION && language > 0)
    filter->language = g_strdup (g_ptr_array_index (self->language_codes, language));
  if (tag != GTK_INVALID_LIST_POSITION && tag > 0)
    filter->tag = g_strdup (gtk_string_list_get_string (self->tags, tag));
  if (review < G_N_ELEMENTS (review_choices))
    filter->review_mask = review_choices[review].mask;
  filter->date_from = g_strdup (valid_date (self->since_entry));
  filter->date_until = g_strdup (valid_date (self->until_entry));
  return filter;
}

static void
save_filter (TpCompareView   *self,
             TpLibraryFilter *filter)
{
  guint review = gtk_drop_down_get_selected (self->review_dropdown);

  g_settings_set_string (self->settings, "compare-outlet", filter->outlet ? filter->outlet : "");
  g_settings_set_string (self->settings, "compare-language", filter->language ? filter->language : "");
  g_settings_set_string (self->settings, "compare-tag", filter->tag ? filter->tag : "");
  if (review < G_N_ELEMENTS (review_choices))
    g_settings_set_string (self->settings, "compare-review", review_choices[review].setting);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
make_statement_row (TpStatementRow *row)
{
  TpStatement *st = tp_statement_row_get_statement (row);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *text = gtk_label_new (st->text);
  GtkWidget *meta;
  g_autofree char *date = _tp_format_date (tp_statement_row_get_date (row));
  g_autofree char *meta_text = NULL;
  const char *speaker = st->actor ? st->actor : st->speaker ? st->speaker : _("Unknown speaker");
  const char *outlet = tp_statement_row_get_outlet (row);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 5);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_widget_add_css_class (text, "statement-text");

  /* Translators: under a statement in the comparison: speaker · date · outlet */
  meta_text = g_strdup_printf (_("%s · %s · %s"), speaker, date, outlet ? outlet : _("Unknown outlet"));
  meta = gtk_label_new (meta_text);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_label_set_xalign (GTK_LABEL (meta), 0.0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_widget_add_css_class (box, "statement-cell-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_widget_set_tooltip_text (list_row, tp_statement_row_get_article_title (row));
  g_object_set_data_full (G_OBJECT (list_row), "tp-statement-row", g_object_ref (row),
                          g_object_unref);
  return list_row;
}

static void
activate_statement_row (TpCompareView  *self,
                        TpStatementRow *row)
{
  TpStatement *st = tp_statement_row_get_statement (row);

  g_signal_emit (self, signals[STATEMENT_ACTIVATED], 0, st->article_id, st->id);
}

static void
on_cell_row_activated_cb (GtkListBox    *box,
                          GtkListBoxRow *row,
                          TpCompareView *self)
{
  activate_statement_row (self, g_object_get_data (G_OBJECT (row), "tp-statement-row"));
}

static void
on_timeline_statement_activated_cb (TpTimeline     *timeline,
                                    TpStatementRow *row,
                                    TpCompareView  *self)
{
  activate_statement_row (self, row);
}

static GtkWidget *
make_cell (TpCompareView *self,
           GListModel    *statements,
           guint          total)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  guint n = g_list_model_get_n_items (statements);

  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_set_size_request (cell, 220, -1);
  gtk_widget_add_css_class (cell, "compare-cell");

  if (n == 0)
    {
      GtkWidget *none = gtk_label_new (_("No stated position"));

      gtk_label_set_xalign (GTK_LABEL (none), 0.0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_add_css_class (none, "no-position");
      gtk_box_append (GTK_BOX (cell), none);
      return cell;
    }

  {
    GtkWidget *list = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(TpStatementRow) row = g_list_model_get_item (statements, i);
        gtk_list_box_append (GTK_LIST_BOX (list), make_statement_row (row));
      }
    g_signal_connect (list, "row-activated", G_CALLBACK (on_cell_row_activated_cb), self);
    gtk_box_append (GTK_BOX (cell), list);
  }

  if (total > n)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more statement",
                                                         "and %u more statements", total - n),
                                               total - n);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (cell), label);
    }
  return cell;
}

static void
fill_timelines (TpCompareView    *self,
                TpComparisonGrid *result)
{
  guint first = G_MAXUINT, last = 0;
  guint row = 0;

  clear_grid (self->timeline_grid);
  for (guint s = 0; s < result->timelines->len; s++)
    {
      GPtrArray *line = g_ptr_array_index (result->timelines, s);

      for (guint i = 0; i < line->len; i++)
        {
          guint day = tp_timeline_day_of_iso (tp_statement_row_get_date (g_ptr_array_index (line, i)));
          if (day == 0)
            continue;
          first = MIN (first, day);
          last = MAX (last, day);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_grid), last > 0);
  if (last == 0)
    return;

  {
    GtkWidget *heading = gtk_label_new (_("Statements over Time"));

    gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
    gtk_widget_add_css_class (heading, "heading");
    gtk_grid_attach (self->timeline_grid, heading, 0, row++, 2, 1);
  }

  for (guint s = 0; s < result->sides->len; s++)
    {
      const TpLexiconSide *side = g_ptr_array_index (result->sides, s);
      GtkWidget *label = gtk_label_new (side->name);
      GtkWidget *timeline = tp_timeline_new ();
      g_autofree char *a11y = NULL;
      GdkRGBA color;

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "caption");
      _tp_side_get_color (result->lexicon, side->key, &color);
      tp_timeline_set_data (TP_TIMELINE (timeline), &color, g_ptr_array_index (result->timelines, s),
                            first > 3 ? first - 3 : first, last + 3);
      gtk_widget_set_hexpand (timeline, TRUE);
      /* Translators: accessible name of a side's timeline, "Moscow timeline" */
      a11y = g_strdup_printf (_("%s timeline"), side->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      a11y, -1);
      g_signal_connect (timeline, "statement-activated",
                        G_CALLBACK (on_timeline_statement_activated_cb), self);
      gtk_grid_attach (self->timeline_grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->timeline_grid, timeline, 1, row, 1, 1);
      row++;
    }

  {
    GDate date;
    char text[64];
    GtkWidget *axis = gtk_center_box_new ();
    GtkWidget *from, *to;

    g_autofree char *from_text = NULL;
    g_autofree char *to_text = NULL;

    g_date_clear (&date, 1);
    g_date_set_julian (&date, first > 3 ? first - 3 : first);
    g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
    from_text = _tp_format_date (text);
    from = gtk_label_new (from_text);
    g_date_set_julian (&date, last + 3);
    g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
    to_text = _tp_format_date (text);
    to = gtk_label_new (to_text);
    gtk_widget_add_css_class (from, "caption");
    gtk_widget_add_css_class (from, "dim-label");
    gtk_widget_add_css_class (to, "caption");
    gtk_widget_add_css_class (to, "dim-label");
    gtk_center_box_set_start_widget (GTK_CENTER_BOX (axis), from);
    gtk_center_box_set_end_widget (GTK_CENTER_BOX (axis), to);
    gtk_grid_attach (self->timeline_grid, axis, 1, row, 1, 1);
  }
}

/* Widgets for one topic row; the grid is built a row per frame so a large
 * comparison never holds the main loop for long, and rows appear as they
 * are made. A frame callback rather than an idle: idles wait behind
 * drawing, which on a slow renderer can be always due. */
static gboolean
build_step_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  TpCompareView *self = data;
  TpComparisonGrid *result = self->pending;
  guint n_sides = result->sides->len;
  guint t = self->build_topic;
  /* Row 0 holds the side headings; each topic takes a title and a cell row. */
  int row = 1 + 2 * t;

  if (t < result->topics->len)
    {
      const TpLexiconTopic *topic = g_ptr_array_index (result->topics, t);
      GtkWidget *title = gtk_label_new (_tp_topic_get_name (result->lexicon, topic->key));

      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_widget_add_css_class (title, "heading");
      gtk_widget_add_css_class (title, "topic-heading");
      gtk_grid_attach (self->grid, title, 0, row, n_sides, 1);

      for (guint s = 0; s < n_sides; s++)
        {
          GListStore *cell = tp_comparison_grid_get_cell (result, t, s);
          guint cell_total = tp_comparison_grid_get_total (result, t, s);
          GtkWidget *widget = make_cell (self, G_LIST_MODEL (cell), cell_total);

          self->build_total += cell_total;
          gtk_widget_set_valign (widget, GTK_ALIGN_START);
          gtk_grid_attach (self->grid, widget, s, row + 1, 1, 1);
          g_ptr_array_add (self->cell_widgets, widget);
        }
      self->build_topic++;
      return G_SOURCE_CONTINUE;
    }

  g_clear_pointer (&self->result, tp_comparison_grid_free);
  self->result = g_steal_pointer (&self->pending);
  self->build_id = 0;
  gtk_stack_set_visible_child_name (self->content_stack, self->build_total > 0 ? "grid" : "empty");
  return G_SOURCE_REMOVE;
}

static void
start_build (TpCompareView    *self,
             TpComparisonGrid *result)
{
  guint n_sides = result->sides->len;

  if (self->build_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
  self->build_id = 0;
  g_clear_pointer (&self->pending, tp_comparison_grid_free);
  self->pending = result;
  self->build_topic = 0;
  self->build_total = 0;

  clear_grid (self->grid);
  g_ptr_array_set_size (self->cell_widgets, 0);
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  for (guint s = 0; s < n_sides; s++)
    {
      const TpLexiconSide *side = g_ptr_array_index (result->sides, s);
      g_autofree char *klass = _tp_side_css_class (side->key);
      GtkWidget *heading = gtk_label_new (side->name);

      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_add_css_class (heading, "title-4");
      gtk_widget_add_css_class (heading, "side-heading");
      gtk_widget_add_css_class (heading, klass);
      gtk_grid_attach (self->grid, heading, s, 0, 1, 1);
    }
  fill_timelines (self, result);
  self->build_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_step_cb, self, NULL);
}

static void
on_compared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TpCompareView *self = user_data;
  g_autoptr(GError) error = NULL;
  TpComparisonGrid *grid;

  grid = tp_library_worker_compare_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (grid == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot build the comparison: %s", error->message);
          gtk_stack_set_visible_child_name (self->content_stack, "empty");
        }
      return;
    }
  _tp_side_style_install (grid->sides);
  start_build (self, grid);
}

static void
reload (TpCompareView *self)
{
  g_autoptr(TpLibraryFilter) filter = NULL;

  if (self->worker == NULL || self->updating_facets)
    return;
  /* Nobody is looking: compare when the view is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  filter = current_filter (self);
  save_filter (self, filter);
  if (self->result == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  tp_library_worker_compare_async (self->worker, filter, PER_CELL, self->cancellable,
                                   on_compared_cb, self);
}

static void
select_string (GtkDropDown   *dropdown,
               GtkStringList *strings,
               const char    *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (strings));

  gtk_drop_down_set_selected (dropdown, 0);
  for (guint i = 1; value != NULL && *value != '\0' && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (strings, i), value) == 0)
      gtk_drop_down_set_selected (dropdown, i);
}

static void
on_facets_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TpCompareView *self = user_data;
  g_autoptr(TpLibraryFacets) facets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *language = NULL;
  g_autofree char *tag = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  facets = tp_library_worker_list_facets_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (facets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the filters: %s", error->message);
      return;
    }

  outlet = g_settings_get_string (self->settings, "compare-outlet");
  language = g_settings_get_string (self->settings, "compare-language");
  tag = g_settings_get_string (self->settings, "compare-tag");

  self->updating_facets = TRUE;
  gtk_string_list_splice (self->outlets, 1, g_list_model_get_n_items (G_LIST_MODEL (self->outlets)) - 1,
                          (const char * const *) facets->outlets);
  gtk_string_list_splice (self->tags, 1, g_list_model_get_n_items (G_LIST_MODEL (self->tags)) - 1,
                          (const char * const *) facets->tags);
  g_ptr_array_set_size (self->language_codes, 1);
  for (guint i = 0; facets->languages[i] != NULL; i++)
    {
      g_ptr_array_add (names, (gpointer) _tp_language_name (facets->languages[i]));
      g_ptr_array_add (self->language_codes, g_strdup (facets->languages[i]));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->languages, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->languages)) - 1,
                          (const char * const *) names->pdata);
  select_string (self->outlet_dropdown, self->outlets, outlet);
  select_string (self->tag_dropdown, self->tags, tag);
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  for (guint i = 1; i < self->language_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->language_codes, i), language) == 0)
      gtk_drop_down_set_selected (self->language_dropdown, i);
  self->updating_facets = FALSE;

  reload (self);
}

/* Callbacks */

static void
on_filter_changed_cb (TpCompareView *self)
{
  reload (self);
}

static void
on_dropdown_notify_cb (GtkDropDown   *dropdown,
                       GParamSpec    *pspec,
                       TpCompareView *self)
{
  reload (self);
}

/* GObject overrides */

static void
tp_compare_view_dispose (GObject *object)
{
  TpCompareView *self = TP_COMPARE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->facets_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->facets_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_COMPARE_VIEW);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);
  g_clear_object (&self->outlets);
  g_clear_object (&self->languages);
  g_clear_object (&self->tags);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->cell_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->result, tp_comparison_grid_free);
  if (self->build_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
  self->build_id = 0;
  g_clear_pointer (&self->pending, tp_comparison_grid_free);

  G_OBJECT_CLASS (tp_compare_view_parent_class)->dispose (object);
}

static void
tp_compare_view_map (GtkWidget *widget)
{
  TpCompareView *self = TP_COMPARE_VIEW (widget);

  GTK_WIDGET_CLASS (tp_compare_view_parent_class)->map (widget);
  if (self->dirty)
    tp_compare_view_reload (self);
}

static void
tp_compare_view_class_init (TpCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_compare_view_dispose;
  widget_class->map = tp_compare_view_map;

  signals[STATEMENT_ACTIVATED] =
    g_signal_new ("statement-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tpcompareview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, box);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, outlet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, review_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, since_entry);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, timeline_grid);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
}

static void
tp_compare_view_init (TpCompareView *self)
{
  const char *all_outlets[] = { _("All outlets"), NULL };
  const char *all_languages[] = { _("All languages"), NULL };
  const char *all_tags[] = { _("All tags"), NULL };
  const char *reviews[] = {
    _("Any review status"), _("Not rejected"), _("Not reviewed"), _("Confirmed"),
    _("Edited"), _("Rejected"), NULL
  };
  g_autoptr(GtkStringList) review_list = gtk_string_list_new (reviews);
  g_autofree char *review = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cell_widgets = g_ptr_array_new ();
  self->outlets = gtk_string_list_new (all_outlets);
  self->languages = gtk_string_list_new (all_languages);
  self->tags = gtk_string_list_new (all_tags);
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->language_codes, NULL);
  gtk_drop_down_set_model (self->outlet_dropdown, G_LIST_MODEL (self->outlets));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (self->languages));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));
  gtk_drop_down_set_model (self->review_dropdown, G_LIST_MODEL (review_list));
  {
    g_autoptr(GtkExpression) expr =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->outlet_dropdown, expr);
  }

  review = g_settings_get_string (self->settings, "compare-review");
  for (guint i = 0; i < G_N_ELEMENTS (review_choices); i++)
    if (g_strcmp0 (review_choices[i].setting, review) == 0)
      gtk_drop_down_set_selected (self->review_dropdown, i);

  self->updating_facets = TRUE;
  g_settings_bind (self->settings, "compare-since", self->since_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "compare-until", self->until_entry, "text", G_SETTINGS_BIND_DEFAULT);
  self->updating_facets = FALSE;

  g_signal_connect (self->outlet_dropdown, "notify::selected", G_CALLBACK (on_dropdown_notify_cb), self);
  g_signal_connect (self->language_dropdown, "notify::selected", G_CALLBACK (on_dropdown_notify_cb), self);
  g_signal_connect (self->tag_dropdown, "notify::selected", G_CALLBACK (on_dropdown_notify_cb), self);
  g_signal_connect (self->review_dropdown, "notify::selected", G_CALLBACK (on_dropdown_notify_cb), self);

  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

/* Public API */

void
tp_compare_view_set_worker (TpCompareView   *self,
                            TpLibraryWorker *worker)
{
  g_return_if_fail (TP_IS_COMPARE_VIEW (self));

  if (!g_set_object (&self->worker, worker))
    return;
  g_clear_pointer (&self->result, tp_comparison_grid_free);
  tp_compare_view_reload (self);
}

/**
 * tp_compare_view_reload:
 *
 * Reads the filter choices and the comparison again, after an import or an
 * edit.
 */
void
tp_compare_view_reload (TpCompareView *self)
{
  g_return_if_fail (TP_IS_COMPARE_VIEW (self));

  if (self->worker == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  g_cancellable_cancel (self->facets_cancellable);
  g_clear_object (&self->facets_cancellable);
  self->facets_cancellable = g_cancellable_new ();
  tp_library_worker_list_facets_async (self->worker, self->facets_cancellable,
                                       on_facets_listed_cb, self);
}

/**
 * tp_compare_view_get_grid:
 *
 * Returns: (nullable) (transfer none): the comparison shown
 */
TpComparisonGrid *
tp_compare_view_get_grid (TpCompareView *self)
{
  g_return_val_if_fail (TP_IS_COMPARE_VIEW (self), NULL);
  return self->result;
}

/**
 * tp_compare_view_get_cell_widget:
 *
 * Returns: (nullable) (transfer none): the widget showing one cell
 */
GtkWidget *
tp_compare_view_get_cell_widget (TpCompareView *self,
                                 guint          topic,
                                 guint          side)
{
  guint index;

  g_return_val_if_fail (TP_IS_COMPARE_VIEW (self), NULL);

  if (self->result == NULL || topic >= self->result->topics->len || side >= self->result->sides->len)
    return NULL;
  index = topic * self->result->sides->len + side;
  return index < self->cell_widgets->len ? g_ptr_array_index (self->cell_widgets, index) : NULL;
}
