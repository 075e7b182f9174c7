/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-compare"

#include "config.h"

#include <math.h>

#include "tp-compare-view.h"
#include "tp-statement-row.h"
#include "tp-timeline.h"
#include "test-ui-util.h"

/* The Compare view against a real library: statements put in the store must
 * come out in their topic's row and their side's column, newest first, with
 * "No stated position" where a side said nothing, one timeline per side,
 * filters that narrow the grid, and activation that names the article. */

static const char body_a[] =
  "Dmitry Peskov said: \"Moscow is open to talks in Istanbul.\"\n"
  "Marco Rubio said: \"Negotiations must start this month.\"";
static const char body_b[] =
  "Peskov said later: \"New talks need a clear agenda.\"\n"
  "Zelensky said: \"A ceasefire must come first.\"";

typedef struct
{
  Library       *lib;
  gint64         article_a;
  gint64         article_b;
  GtkWindow     *window;
  TpCompareView *view;
  TpLibraryWorker *worker;
  TpComparisonGrid *seen;
  gint64         activated_article;
  gint64         activated_statement;
} Fixture;

static TpStatement *
dated (TpStatement *st,
       const char  *said_on)
{
  st->said_on = g_strdup (said_on);
  return st;
}

static gboolean
grid_changed (gpointer data)
{
  Fixture *fx = data;
  TpComparisonGrid *grid = tp_compare_view_get_grid (fx->view);

  return grid != NULL && grid != fx->seen;
}

static void
wait_for_grid (Fixture *fx)
{
  wait_for (grid_changed, fx);
  fx->seen = tp_compare_view_get_grid (fx->view);
  spin (50);
}

static void
on_activated_cb (TpCompareView *view,
                 gint64         article_id,
                 gint64         statement_id,
                 Fixture       *fx)
{
  fx->activated_article = article_id;
  fx->activated_statement = statement_id;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->lib = library_new ();
  fx->article_a = add_article (fx->lib, "Talks in Istanbul", "Outlet A", "en", "2025-07-01", body_a,
                               dated (quote (body_a, "Moscow is open to talks in Istanbul.", "Dmitry Peskov", "moscow", "negotiations"), "2025-07-01"),
                               dated (quote (body_a, "Negotiations must start this month.", "Marco Rubio", "washington", "negotiations"), "2025-07-01"),
                               NULL);
  fx->article_b = add_article (fx->lib, "An agenda for talks", "Outlet B", "en", "2025-07-09", body_b,
                               dated (quote (body_b, "New talks need a clear agenda.", "Dmitry Peskov", "moscow", "negotiations"), "2025-07-08"),
                               dated (quote (body_b, "A ceasefire must come first.", "Volodymyr Zelensky", "kyiv", "ceasefire"), "2025-07-09"),
                               NULL);

  fx->worker = tp_library_worker_new (fx->lib->path);
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1300, 900);
  fx->view = g_object_new (TP_TYPE_COMPARE_VIEW, NULL);
  g_signal_connect (fx->view, "statement-activated", G_CALLBACK (on_activated_cb), fx);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  tp_compare_view_set_worker (fx->view, fx->worker);
  gtk_window_present (fx->window);
  wait_for_grid (fx);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (fx->window);
  g_clear_object (&fx->worker);
  library_free (fx->lib);
}

static guint
topic_index (TpComparisonGrid *grid,
             const char       *key)
{
  for (guint i = 0; i < grid->topics->len; i++)
    if (g_strcmp0 (((TpLexiconTopic *) g_ptr_array_index (grid->topics, i))->key, key) == 0)
      return i;
  g_assert_not_reached ();
}

static guint
side_index (TpComparisonGrid *grid,
            const char       *key)
{
  for (guint i = 0; i < grid->sides->len; i++)
    if (g_strcmp0 (((TpLexiconSide *) g_ptr_array_index (grid->sides, i))->key, key) == 0)
      return i;
  g_assert_not_reached ();
}

static GtkWidget *
cell (Fixture    *fx,
      const char *topic,
      const char *side)
{
  TpComparisonGrid *grid = tp_compare_view_get_grid (fx->view);
  GtkWidget *widget = tp_compare_view_get_cell_widget (fx->view, topic_index (grid, topic),
                                                       side_index (grid, side));

  g_assert_nonnull (widget);
  return widget;
}

/* The statement texts a cell shows, top to bottom. */
static char *
cell_texts (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      GtkWidget *label = find_widget_of_type (widget, GTK_TYPE_LABEL, i);

      if (label == NULL)
        break;
      if (!gtk_widget_has_css_class (label, "statement-text") &&
          !gtk_widget_has_css_class (label, "no-position"))
        continue;
      if (out->len > 0)
        g_string_append (out, " | ");
      g_string_append (out, gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (out, FALSE);
}

static void
test_cells (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *moscow = cell_texts (cell (fx, "negotiations", "moscow"));
  g_autofree char *washington = cell_texts (cell (fx, "negotiations", "washington"));
  g_autofree char *kyiv = cell_texts (cell (fx, "negotiations", "kyiv"));
  g_autofree char *ceasefire_kyiv = cell_texts (cell (fx, "ceasefire", "kyiv"));
  g_autofree char *ceasefire_moscow = cell_texts (cell (fx, "ceasefire", "moscow"));

  /* Newest first. */
  g_assert_cmpstr (moscow, ==, "New talks need a clear agenda. | Moscow is open to talks in Istanbul.");
  g_assert_cmpstr (washington, ==, "Negotiations must start this month.");
  g_assert_cmpstr (kyiv, ==, "No stated position");
  g_assert_cmpstr (ceasefire_kyiv, ==, "A ceasefire must come first.");
  g_assert_cmpstr (ceasefire_moscow, ==, "No stated position");

  /* Speaker, date and outlet under each statement. */
  g_assert_true (label_exists (cell (fx, "negotiations", "washington"),
                               "Marco Rubio · 1 Jul 2025 · Outlet A", NULL));
  /* Column headings. */
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Moscow", "side-heading"));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Washington", "side-heading"));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Kyiv", "side-heading"));
}

static void
test_timelines (Fixture       *fx,
                gconstpointer  data)
{
  guint points[3] = { 0 };
  TpComparisonGrid *grid = tp_compare_view_get_grid (fx->view);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *timeline = find_widget_of_type (GTK_WIDGET (fx->view), TP_TYPE_TIMELINE, i);

      g_assert_nonnull (timeline);
      points[i] = tp_timeline_get_n_points (TP_TIMELINE (timeline));
    }
  g_assert_null (find_widget_of_type (GTK_WIDGET (fx->view), TP_TYPE_TIMELINE, 3));
  g_assert_cmpuint (points[side_index (grid, "moscow")], ==, 2);
  g_assert_cmpuint (points[side_index (grid, "washington")], ==, 1);
  g_assert_cmpuint (points[side_index (grid, "kyiv")], ==, 1);

  /* Hovering the Kyiv dot names the statement. */
  {
    GtkWidget *timeline = find_widget_of_type (GTK_WIDGET (fx->view), TP_TYPE_TIMELINE,
                                               side_index (grid, "kyiv"));
    int width = gtk_widget_get_width (timeline);
    int height = gtk_widget_get_height (timeline);
    g_autofree char *found = NULL;

    g_assert_cmpint (width, >, 0);
    for (int x = 0; x < width && found == NULL; x++)
      found = tp_timeline_describe_at (TP_TIMELINE (timeline), x, height - 5);
    g_assert_nonnull (found);
    g_assert_nonnull (strstr (found, "A ceasefire must come first."));
    g_assert_nonnull (strstr (found, "Volodymyr Zelensky"));
  }
}

static guint
timeline_points (Fixture    *fx,
                 const char *side)
{
  TpComparisonGrid *grid = tp_compare_view_get_grid (fx->view);
  GtkWidget *timeline = find_widget_of_type (GTK_WIDGET (fx->view), TP_TYPE_TIMELINE,
                                             side_index (grid, side));

  g_assert_nonnull (timeline);
  return tp_timeline_get_n_points (TP_TIMELINE (timeline));
}

/* The locale's own date, as the timeline's axis must write it. */
static char *
locale_date (int year,
             int month,
             int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return g_date_time_format (dt, "%x");
}

static GtkEntry *
date_entry (Fixture *fx,
            guint    nth)
{
  GtkEntry *entry = NULL;

  for (guint i = 0; (entry = GTK_ENTRY (find_widget_of_type (GTK_WIDGET (fx->view), GTK_TYPE_ENTRY, i))) != NULL; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (entry), "YYYY-MM-DD") == 0 && nth-- == 0)
      break;
  g_assert_nonnull (entry);
  return entry;
}

/* The axis spans the statements, a few days either side, in the locale's
 * format; a date range in the filters narrows the dots and sets the axis
 * to the range itself, the same statements the cells show. */
static void
test_timeline_dates (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *jun28 = locale_date (2025, 6, 28);
  g_autofree char *jul12 = locale_date (2025, 7, 12);
  g_autofree char *jul05 = locale_date (2025, 7, 5);
  g_autofree char *jul31 = locale_date (2025, 7, 31);
  g_autofree char *jul10 = locale_date (2025, 7, 10);
  GtkEntry *since = date_entry (fx, 0);
  GtkEntry *until = date_entry (fx, 1);

  g_assert_true (since != until);
  /* Statements from 1 to 9 July: the axis runs 28 June to 12 July. */
  g_assert_true (label_exists (GTK_WIDGET (fx->view), jun28, "timeline-axis"));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), jul12, "timeline-axis"));

  gtk_editable_set_text (GTK_EDITABLE (since), "2025-07-05");
  gtk_editable_set_text (GTK_EDITABLE (until), "2025-07-31");
  wait_for_grid (fx);
  g_assert_cmpuint (timeline_points (fx, "moscow"), ==, 1);
  g_assert_cmpuint (timeline_points (fx, "washington"), ==, 0);
  g_assert_cmpuint (timeline_points (fx, "kyiv"), ==, 1);
  g_assert_true (label_exists (GTK_WIDGET (fx->view), jul05, "timeline-axis"));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), jul31, "timeline-axis"));
  g_assert_false (label_exists (GTK_WIDGET (fx->view), jun28, "timeline-axis"));

  /* The Kyiv dot of 9 July sits at 4/26 of the axis: the range sets the
   * scale, not the statements alone. */
  {
    TpComparisonGrid *grid = tp_compare_view_get_grid (fx->view);
    GtkWidget *timeline = find_widget_of_type (GTK_WIDGET (fx->view), TP_TYPE_TIMELINE,
                                               side_index (grid, "kyiv"));
    int width = gtk_widget_get_width (timeline);
    int height = gtk_widget_get_height (timeline);
    int first = -1;
    g_autofree char *tooltip = NULL;
    g_autofree char *jul09 = locale_date (2025, 7, 9);

    for (int x = 0; x < width && first < 0; x++)
      {
        g_autofree char *found = tp_timeline_describe_at (TP_TIMELINE (timeline), x, height - 5);
        if (found != NULL)
          {
            first = x;
            tooltip = g_steal_pointer (&found);
          }
      }
    g_assert_cmpint (first, >=, 0);
    /* Within the dot's radius and hit margin of 8 + (width - 16) * 4 / 26. */
    g_assert_cmpfloat (fabs (first + 7 - (8 + (width - 16) * 4.0 / 26)), <=, 2.0);
    /* The tooltip writes the date as the axis does. */
    g_assert_true (g_str_has_prefix (tooltip, jul09));
  }

  /* Until alone: the axis ends there. */
  gtk_editable_set_text (GTK_EDITABLE (since), "");
  gtk_editable_set_text (GTK_EDITABLE (until), "2025-07-10");
  wait_for_grid (fx);
  g_assert_cmpuint (timeline_points (fx, "moscow"), ==, 2);
  g_assert_true (label_exists (GTK_WIDGET (fx->view), jun28, "timeline-axis"));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), jul10, "timeline-axis"));
}

static void
test_activate (Fixture       *fx,
               gconstpointer  data)
{
  GtkWidget *list = find_widget_of_type (cell (fx, "ceasefire", "kyiv"), GTK_TYPE_LIST_BOX, 0);
  GtkListBoxRow *row;
  TpStatementRow *statement_row;

  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_nonnull (row);
  statement_row = g_object_get_data (G_OBJECT (row), "tp-statement-row");
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpint (fx->activated_article, ==, fx->article_b);
  g_assert_cmpint (fx->activated_statement, ==, tp_statement_row_get_statement (statement_row)->id);
  g_assert_cmpint (fx->activated_statement, >, 0);
}

static void
test_filters (Fixture       *fx,
              gconstpointer  data)
{
  GtkDropDown *outlets = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (fx->view), GTK_TYPE_DROP_DOWN, 0));
  GListModel *choices = gtk_drop_down_get_model (outlets);
  GtkEntry *since = NULL;
  g_autofree char *moscow = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "Outlet A") == 0)
      gtk_drop_down_set_selected (outlets, i);
  g_assert_cmpuint (gtk_drop_down_get_selected (outlets), >, 0);
  wait_for_grid (fx);
  moscow = cell_texts (cell (fx, "negotiations", "moscow"));
  g_assert_cmpstr (moscow, ==, "Moscow is open to talks in Istanbul.");
  g_clear_pointer (&moscow, g_free);

  gtk_drop_down_set_selected (outlets, 0);
  wait_for_grid (fx);

  /* Said from 5 July: only the later statements. */
  for (guint i = 0; (since = GTK_ENTRY (find_widget_of_type (GTK_WIDGET (fx->view), GTK_TYPE_ENTRY, i))) != NULL; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (since), "YYYY-MM-DD") == 0)
      break;
  g_assert_nonnull (since);
  gtk_editable_set_text (GTK_EDITABLE (since), "2025-07-05");
  wait_for_grid (fx);
  moscow = cell_texts (cell (fx, "negotiations", "moscow"));
  g_assert_cmpstr (moscow, ==, "New talks need a clear agenda.");
  gtk_editable_set_text (GTK_EDITABLE (since), "");
  wait_for_grid (fx);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/compare/cells", Fixture, NULL, fixture_set_up, test_cells, fixture_tear_down);
  g_test_add ("/ui/compare/timelines", Fixture, NULL, fixture_set_up, test_timelines, fixture_tear_down);
  g_test_add ("/ui/compare/timeline-dates", Fixture, NULL, fixture_set_up, test_timeline_dates, fixture_tear_down);
  g_test_add ("/ui/compare/activate", Fixture, NULL, fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/ui/compare/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  return g_test_run ();
}
