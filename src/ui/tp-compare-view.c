/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-compare-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tp-annotation-panel.h"
#include "tp-compare-view.h"
#include "tp-comparison.h"
#include "tp-report-print.h"
#include "tp-report-writer.h"
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
  AdwFlap          *flap;
  TpAnnotationPanel *annotation_panel;
  GtkLabel         *annotation_quote_label;
  GtkLabel         *annotation_meta_label;
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

  gint64            annotated_article_id;
  gint64            annotated_statement_id;
  GtkFileChooserNative *export_chooser;
  GCancellable     *report_cancellable;
};

enum {
  STATEMENT_ACTIVATED,
  REPORT_FINISHED,
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

static void on_annotate_button_clicked_cb (GtkButton     *button,
                                           TpCompareView *self);

static GtkWidget *
make_statement_row (TpCompareView  *self,
                    TpStatementRow *row)
{
  TpStatement *st = tp_statement_row_get_statement (row);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *annotate = gtk_button_new_from_icon_name ("bookmark-new-symbolic");
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
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (annotate, GTK_ALIGN_START);
  gtk_widget_add_css_class (annotate, "flat");
  gtk_widget_add_css_class (annotate, "circular");
  gtk_widget_set_tooltip_text (annotate, _("Tags, Notes and Review"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (annotate), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tags, notes and review"), -1);
  g_object_set_data_full (G_OBJECT (annotate), "tp-statement-row", g_object_ref (row),
                          g_object_unref);
  g_signal_connect (annotate, "clicked", G_CALLBACK (on_annotate_button_clicked_cb), self);
  gtk_box_append (GTK_BOX (line), box);
  gtk_box_append (GTK_BOX (line), annotate);
  gtk_widget_add_css_class (line, "statement-cell-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), line);
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
        gtk_list_box_append (GTK_LIST_BOX (list), make_statement_row (self, row));
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

static GtkWidget *
make_axis_label (guint day)
{
  g_autofree char *text = _tp_format_day (day);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "timeline-axis");
  return label;
}

/* The timelines show the statements the filters let through, as the cells
 * do (the worker reads them with the same filter), on an axis that spans
 * the filter's date range where one is set and the statements, a few days
 * either side, where not. */
static void
fill_timelines (TpCompareView    *self,
                TpComparisonGrid *result)
{
  guint first = G_MAXUINT, last = 0;
  guint from, to;
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

  from = result->filter != NULL ? tp_timeline_day_of_iso (result->filter->date_from) : 0;
  to = result->filter != NULL ? tp_timeline_day_of_iso (result->filter->date_until) : 0;
  /* A statement dated outside the range (its day from the article, its
   * order from the statement) still gets a place on the axis. */
  from = from != 0 ? MIN (from, first) : (first > 3 ? first - 3 : first);
  to = to != 0 ? MAX (to, last) : last + 3;

  {
    GtkWidget *heading = gtk_label_new (_("Statements over Time"));

    gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
    gtk_widget_add_css_class (heading, "heading");
    gtk_grid_attach (self->timeline_grid, heading, 0, row++, 2, 1);
  }

  for (guint s = 0; s < result->sides->len; s++)
    {
      const TpLexiconSide *side = g_ptr_array_index (result->sides, s);
      GtkWidget *label = gtk_label_new (_tp_side_display_name (side));
      GtkWidget *timeline = tp_timeline_new ();
      g_autofree char *a11y = NULL;
      GdkRGBA color;

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "caption");
      _tp_side_get_color (result->lexicon, side->key, &color);
      tp_timeline_set_data (TP_TIMELINE (timeline), &color, g_ptr_array_index (result->timelines, s),
                            from, to);
      gtk_widget_set_hexpand (timeline, TRUE);
      /* Translators: accessible name of a side's timeline, "Moscow timeline" */
      a11y = g_strdup_printf (_("%s timeline"), _tp_side_display_name (side));
      gtk_accessible_update_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      a11y, -1);
      g_signal_connect (timeline, "statement-activated",
                        G_CALLBACK (on_timeline_statement_activated_cb), self);
      gtk_grid_attach (self->timeline_grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->timeline_grid, timeline, 1, row, 1, 1);
      row++;
    }

  {
    GtkWidget *axis = gtk_center_box_new ();

    gtk_center_box_set_start_widget (GTK_CENTER_BOX (axis), make_axis_label (from));
    gtk_center_box_set_end_widget (GTK_CENTER_BOX (axis), make_axis_label (to));
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
      GtkWidget *heading = gtk_label_new (_tp_side_display_name (side));

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


/* Reports and printing */

/* The comparison a report shows: every statement that passes the view's
 * filters, not only the newest few of each cell the grid lists. */
typedef struct
{
  TpCompareView   *view;
  TpLibraryFilter *filter;
  gboolean         with_annotations;
  gboolean         print;
  GFile           *file;
  TpReportFormat   format;
  TpComparison    *comparison;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_object (&job->view);
  g_clear_pointer (&job->filter, tp_library_filter_free);
  g_clear_object (&job->file);
  g_clear_object (&job->comparison);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportJob, report_job_free)

static gboolean
build_report_comparison (TpStore  *store,
                         gpointer  data,
                         GError  **error)
{
  ReportJob *job = data;
  TpComparisonFilter filter = { 0 };
  const char *outlets[2] = { NULL, NULL };
  const char *languages[2] = { NULL, NULL };
  const char *tags[2] = { NULL, NULL };

#define NONEMPTY(s) ((s) != NULL && *(s) != '\0' ? (s) : NULL)
  outlets[0] = NONEMPTY (job->filter->outlet);
  languages[0] = NONEMPTY (job->filter->language);
  tags[0] = NONEMPTY (job->filter->tag);
  filter.date_from = NONEMPTY (job->filter->date_from);
  filter.date_until = NONEMPTY (job->filter->date_until);
#undef NONEMPTY
  filter.outlets = outlets[0] != NULL ? outlets : NULL;
  filter.languages = languages[0] != NULL ? languages : NULL;
  filter.tags = tags[0] != NULL ? tags : NULL;
  /* As in the view: "any review status" includes rejected statements. */
  filter.review_mask = job->filter->review_mask != 0 ? job->filter->review_mask
                                                     : (TP_REVIEW_MASK (TP_REVIEW_AUTO) |
                                                        TP_REVIEW_MASK (TP_REVIEW_CONFIRMED) |
                                                        TP_REVIEW_MASK (TP_REVIEW_EDITED) |
                                                        TP_REVIEW_MASK (TP_REVIEW_REJECTED));
  filter.with_annotations = job->with_annotations;
  job->comparison = tp_comparison_new (store, &filter, error);
  return job->comparison != NULL;
}

static void
add_toast (TpCompareView *self,
           AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_report_toast_open_cb (AdwToast *toast,
                         gpointer  user_data)
{
  TpCompareView *self = TP_COMPARE_VIEW (user_data);
  const char *uri = g_object_get_data (G_OBJECT (toast), "tp-report-uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
report_failed (TpCompareView *self,
               GFile         *file,
               const GError  *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why, in a sentence of its own */
  message = g_strdup_printf (_("Cannot write the report: %s"), error->message);
  add_toast (self, adw_toast_new (message));
  g_signal_emit (self, signals[REPORT_FINISHED], 0, file, error->message);
}

static void
on_report_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ReportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!tp_report_writer_write_file_finish (TP_REPORT_WRITER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_failed (job->view, job->file, error);
      return;
    }

  name = g_file_get_basename (job->file);
  /* Toast titles are markup. */
  escaped = g_markup_escape_text (name, -1);
  /* Translators: toast after exporting; %s is the file name */
  message = g_strdup_printf (_("Report saved as “%s”"), escaped);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "tp-report-uri", g_file_get_uri (job->file), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_report_toast_open_cb),
                           job->view, 0);
  add_toast (job->view, toast);
  g_signal_emit (job->view, signals[REPORT_FINISHED], 0, job->file, NULL);
}

static void
on_report_comparison_built_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(ReportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  TpReportOptions options = { 0 };

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_failed (job->view, job->file, error);
      return;
    }

  options.with_tags = job->with_annotations;
  options.with_notes = job->with_annotations;
  if (job->print)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (job->view));

      tp_report_print (job->comparison, &options, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
    }
  else
    {
      g_autoptr(TpReportWriter) writer = tp_report_writer_new (job->format);
      ReportJob *owned = g_steal_pointer (&job);

      tp_report_writer_write_file_async (writer, owned->comparison, &options, owned->file,
                                         owned->view->report_cancellable,
                                         on_report_written_cb, owned);
    }
}

static void
start_report (TpCompareView  *self,
              GFile          *file,
              TpReportFormat  format,
              gboolean        with_annotations,
              gboolean        print)
{
  ReportJob *job;

  if (self->worker == NULL)
    return;
  job = g_new0 (ReportJob, 1);
  job->view = g_object_ref (self);
  job->filter = current_filter (self);
  job->with_annotations = with_annotations;
  job->print = print;
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->format = format;
  /* The job is the callback's to free, whatever happens. */
  tp_library_worker_run_async (self->worker, build_report_comparison, job, NULL,
                               self->report_cancellable, on_report_comparison_built_cb, job);
}

static const struct { const char *id; TpReportFormat format; const char *label; } report_formats[] = {
  { "html", TP_REPORT_FORMAT_HTML, N_("Web page (HTML)") },
  { "pdf", TP_REPORT_FORMAT_PDF, N_("PDF") },
  { "odt", TP_REPORT_FORMAT_ODT, N_("Text document (ODT)") },
  { "md", TP_REPORT_FORMAT_MARKDOWN, N_("Markdown") },
  { "csv", TP_REPORT_FORMAT_CSV, N_("Spreadsheet (CSV)") },
  { "json", TP_REPORT_FORMAT_JSON, N_("Data (JSON)") },
};

static void
on_export_chooser_response_cb (GtkNativeDialog *dialog,
                               int              response,
                               TpCompareView   *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
      g_autofree char *name = g_file_get_basename (chosen);
      const char *choice = gtk_file_chooser_get_choice (chooser, "format");
      const char *annotations = gtk_file_chooser_get_choice (chooser, "annotations");
      const char *dot = strrchr (name, '.');
      TpReportFormat format = TP_REPORT_FORMAT_HTML;
      g_autoptr(GFile) file = NULL;

      for (guint i = 0; choice != NULL && i < G_N_ELEMENTS (report_formats); i++)
        if (g_str_equal (choice, report_formats[i].id))
          format = report_formats[i].format;
      /* A known extension typed by hand wins over the format choice. */
      if (dot != NULL && dot[1] != '\0' && tp_report_format_from_string (dot + 1, &format))
        file = g_object_ref (chosen);
      else
        {
          g_autoptr(TpReportWriter) writer = tp_report_writer_new (format);
          g_autofree char *full = g_strconcat (name, ".", tp_report_writer_get_extension (writer),
                                               NULL);
          g_autoptr(GFile) parent = g_file_get_parent (chosen);

          file = g_file_get_child (parent, full);
        }
      g_settings_set_string (self->settings, "report-format", tp_report_format_to_string (format));
      g_settings_set_boolean (self->settings, "report-annotations",
                              g_strcmp0 (annotations, "true") == 0);
      tp_compare_view_export_file (self, file, format, g_strcmp0 (annotations, "true") == 0);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->export_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tp_compare_view_export (TP_COMPARE_VIEW (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tp_compare_view_print (TP_COMPARE_VIEW (widget));
}

/* Annotations */

static void
on_annotate_button_clicked_cb (GtkButton     *button,
                               TpCompareView *self)
{
  TpStatementRow *row = g_object_get_data (G_OBJECT (button), "tp-statement-row");

  tp_compare_view_annotate (self, tp_statement_row_get_statement (row),
                            tp_statement_row_get_outlet (row), tp_statement_row_get_date (row));
}

static void
on_annotation_panel_changed_cb (TpCompareView     *self,
                                gint64             statement_id,
                                TpAnnotationPanel *panel)
{
  /* A new tag belongs in the tag filter; a new review status may move the
   * statement out of the filtered comparison. */
  tp_compare_view_reload (self);
}

static void
close_annotations_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TpCompareView *self = TP_COMPARE_VIEW (widget);

  _tp_flap_set_reveal (self->flap, FALSE);
}

static void
open_annotated_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TpCompareView *self = TP_COMPARE_VIEW (widget);

  if (self->annotated_statement_id > 0)
    g_signal_emit (self, signals[STATEMENT_ACTIVATED], 0, self->annotated_article_id,
                   self->annotated_statement_id);
}

/* GObject overrides */

static void
tp_compare_view_dispose (GObject *object)
{
  TpCompareView *self = TP_COMPARE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->facets_cancellable);
  g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
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
  /**
   * TpCompareView::report-finished:
   * @file: the report file, or %NULL when printing
   * @error_message: (nullable): why the report could not be written
   */
  signals[REPORT_FINISHED] =
    g_signal_new ("report-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_STRING);

  g_type_ensure (TP_TYPE_ANNOTATION_PANEL);

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
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, flap);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, annotation_panel);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, annotation_quote_label);
  gtk_widget_class_bind_template_child (widget_class, TpCompareView, annotation_meta_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_annotation_panel_changed_cb);

  gtk_widget_class_install_action (widget_class, "compare.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "compare.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "compare.close-annotations", NULL,
                                   close_annotations_action);
  gtk_widget_class_install_action (widget_class, "compare.open-annotated", NULL,
                                   open_annotated_action);
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
  self->report_cancellable = g_cancellable_new ();
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
  tp_annotation_panel_set_statement (self->annotation_panel, 0);
  tp_annotation_panel_set_library (self->annotation_panel,
                                   worker != NULL ? tp_library_worker_get_path (worker) : NULL);
  _tp_flap_set_reveal (self->flap, FALSE);
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

/**
 * tp_compare_view_annotate:
 * @statement: the statement to tag, annotate or review
 * @outlet: (nullable): its article's outlet
 * @date: (nullable): its date, "YYYY-MM-DD"
 *
 * Shows @statement's review status, star, tags and notes in the side panel.
 */
void
tp_compare_view_annotate (TpCompareView *self,
                          TpStatement   *statement,
                          const char    *outlet,
                          const char    *date)
{
  g_autofree char *quote = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;

  g_return_if_fail (TP_IS_COMPARE_VIEW (self));
  g_return_if_fail (statement != NULL);

  self->annotated_article_id = statement->article_id;
  self->annotated_statement_id = statement->id;
  quote = g_strdup_printf ("“%s”", statement->text != NULL ? statement->text : "");
  gtk_label_set_label (self->annotation_quote_label, quote);
  when = _tp_format_date (date);
  meta = g_strdup_printf (_("%s · %s · %s"),
                          statement->actor ? statement->actor
                          : statement->speaker ? statement->speaker : _("Unknown speaker"),
                          when, outlet != NULL ? outlet : _("Unknown outlet"));
  gtk_label_set_label (self->annotation_meta_label, meta);
  tp_annotation_panel_set_statement (self->annotation_panel, statement->id);
  _tp_flap_set_reveal (self->flap, TRUE);
}

/**
 * tp_compare_view_get_annotation_panel:
 *
 * Returns: (transfer none): the panel of the statement being annotated
 */
TpAnnotationPanel *
tp_compare_view_get_annotation_panel (TpCompareView *self)
{
  g_return_val_if_fail (TP_IS_COMPARE_VIEW (self), NULL);
  return self->annotation_panel;
}

/**
 * tp_compare_view_export:
 *
 * Asks where to save a report of the comparison as filtered, in which
 * format and whether with tags and notes, then writes it in the background.
 */
void
tp_compare_view_export (TpCompareView *self)
{
  GtkFileChooser *chooser;
  GtkRoot *root;
  g_autofree char *format = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *ids[G_N_ELEMENTS (report_formats) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (report_formats) + 1] = { NULL };
  const char *extension = "html";

  g_return_if_fail (TP_IS_COMPARE_VIEW (self));

  if (self->worker == NULL || self->export_chooser != NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->export_chooser = gtk_file_chooser_native_new (_("Export Report"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->export_chooser);
  format = g_settings_get_string (self->settings, "report-format");
  for (guint i = 0; i < G_N_ELEMENTS (report_formats); i++)
    {
      ids[i] = report_formats[i].id;
      labels[i] = _(report_formats[i].label);
      if (g_str_equal (format, report_formats[i].id))
        extension = report_formats[i].id;
    }
  gtk_file_chooser_add_choice (chooser, "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "format", extension);
  gtk_file_chooser_add_choice (chooser, "annotations", _("Include tags and notes"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "annotations",
                               g_settings_get_boolean (self->settings, "report-annotations")
                               ? "true" : "false");
  /* Translators: default file name of a report; %s is today's date */
  name = g_strdup_printf (_("Triptych report %s.%s"), today, extension);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  g_signal_connect (self->export_chooser, "response",
                    G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/**
 * tp_compare_view_export_file:
 * @file: where to write the report
 * @format: its format
 * @with_annotations: whether the report shows tags and notes
 *
 * Writes a report of the comparison with the view's filters (every
 * statement, not only those the cells list) in the background, then says
 * so in a toast that opens it and emits ::report-finished.
 */
void
tp_compare_view_export_file (TpCompareView  *self,
                             GFile          *file,
                             TpReportFormat  format,
                             gboolean        with_annotations)
{
  g_return_if_fail (TP_IS_COMPARE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_report (self, file, format, with_annotations, FALSE);
}

/**
 * tp_compare_view_print:
 *
 * Prints the comparison with the view's filters, tags and notes included.
 */
void
tp_compare_view_print (TpCompareView *self)
{
  g_return_if_fail (TP_IS_COMPARE_VIEW (self));

  start_report (self, NULL, TP_REPORT_FORMAT_PDF, TRUE, TRUE);
}
