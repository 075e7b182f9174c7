/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-export"

#include "config.h"

#include "tp-statement-row.h"
#include "tp-window.h"
#include "test-ui-util.h"

/* Reports from the Compare view: an HTML report of the comparison as shown
 * is written on a worker thread, contains the statement with its markup
 * escaped, and the view's filters apply to it. */

static const char body[] =
  "Dmitry Peskov said: \"Talks <script>alert(1)</script> & more talks.\"\n"
  "Marco Rubio said: \"Negotiations must start this month.\"";

typedef struct
{
  Library   *lib;
  TpWindow  *window;
  char      *out_dir;
  GFile     *finished;
  char      *error_message;
  gboolean   done;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "compare-outlet");
  g_settings_reset (settings, "compare-tag");
  g_settings_set_string (settings, "compare-review", "");
  fx->lib = library_new ();
  add_article (fx->lib, "Talks & agendas", "Outlet <A>", "en", "2025-07-01", body,
               quote (body, "Talks <script>alert(1)</script> & more talks.", "Dmitry Peskov",
                      "moscow", "negotiations"),
               quote (body, "Negotiations must start this month.", "Marco Rubio",
                      "washington", "negotiations"),
               NULL);
  fx->out_dir = g_dir_make_tmp ("triptych-ui-export-XXXXXX", &error);
  g_assert_no_error (error);
  fx->window = tp_window_new (NULL, fx->lib->path);
  gtk_window_present (GTK_WINDOW (fx->window));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->out_dir, 0, NULL);
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fx->window));
  spin (50);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->out_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->out_dir);
  g_free (fx->out_dir);
  g_clear_object (&fx->finished);
  g_free (fx->error_message);
  library_free (fx->lib);
}

static gboolean
grid_has_two (gpointer data)
{
  TpComparisonGrid *grid = tp_compare_view_get_grid (data);
  guint n = 0;

  for (guint t = 0; grid != NULL && t < grid->topics->len; t++)
    for (guint s = 0; s < grid->sides->len; s++)
      n += g_list_model_get_n_items (G_LIST_MODEL (tp_comparison_grid_get_cell (grid, t, s)));
  return n == 2;
}

static void
on_report_finished_cb (TpCompareView *view,
                       GFile         *file,
                       const char    *error_message,
                       Fixture       *fx)
{
  g_set_object (&fx->finished, file);
  fx->error_message = g_strdup (error_message);
  fx->done = TRUE;
}

static gboolean
report_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

static char *
export (Fixture        *fx,
        const char     *name,
        TpReportFormat  format)
{
  TpCompareView *view = tp_window_get_compare_view (fx->window);
  g_autofree char *path = g_build_filename (fx->out_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gulong id;

  fx->done = FALSE;
  id = g_signal_connect (view, "report-finished", G_CALLBACK (on_report_finished_cb), fx);
  tp_compare_view_export_file (view, file, format, TRUE);
  wait_for (report_done, fx);
  g_signal_handler_disconnect (view, id);
  g_assert_null (fx->error_message);
  g_assert_true (g_file_equal (fx->finished, file));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_html (Fixture       *fx,
           gconstpointer  data)
{
  TpCompareView *view = tp_window_get_compare_view (fx->window);
  g_autofree char *html = NULL;

  tp_window_show_view (fx->window, "compare");
  wait_for (grid_has_two, view);

  html = export (fx, "report.html", TP_REPORT_FORMAT_HTML);
  g_assert_nonnull (strstr (html, "Talks &lt;script&gt;alert(1)&lt;/script&gt; &amp; more talks."));
  g_assert_null (strstr (html, "<script>alert(1)"));
  g_assert_nonnull (strstr (html, "Negotiations must start this month."));
  g_assert_nonnull (strstr (html, "Outlet &lt;A&gt;"));
  /* The toast says where the report went. */
  spin (100);
  g_assert_true (label_exists (GTK_WIDGET (fx->window), "Report saved as “report.html”", NULL));
}

static void
test_filters_apply (Fixture       *fx,
                    gconstpointer  data)
{
  TpCompareView *view = tp_window_get_compare_view (fx->window);
  g_autofree char *csv = NULL;
  g_autofree char *markdown = NULL;

  tp_window_show_view (fx->window, "compare");
  wait_for (grid_has_two, view);

  /* Washington only: the report leaves Moscow's statement out. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (view),
                                                                  GTK_TYPE_DROP_DOWN, 0)), 0);
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    g_settings_set_string (settings, "compare-until", "2025-06-30");
    spin (200);
    csv = export (fx, "before.csv", TP_REPORT_FORMAT_CSV);
    g_assert_null (strstr (csv, "Negotiations must start"));
    g_settings_set_string (settings, "compare-until", "");
  }
  spin (200);
  markdown = export (fx, "all.md", TP_REPORT_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (markdown, "Negotiations must start this month."));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/export/html", Fixture, NULL, fixture_set_up, test_html, fixture_tear_down);
  g_test_add ("/ui/export/filters", Fixture, NULL, fixture_set_up, test_filters_apply,
              fixture_tear_down);
  return g_test_run ();
}
