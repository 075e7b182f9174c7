/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-e2e"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tp-application.h"
#include "tp-compare-view.h"
#include "tp-statement-row.h"
#include "tp-store-backup.h"
#include "tp-window.h"
#include "test-ui-util.h"

/* End to end: start the application on a temporary library with a fixture
 * article on its command line, let it import the article, switch to the
 * Compare view and find each side's statement in that side's column.
 * And `--quit-after-first-frame`, which `triptych-cli bench` times: the
 * application quits by itself, at the first frame that shows the library's
 * articles, and with status 1 when the library cannot be opened. */

typedef struct
{
  TpApplication *app;
  TpWindow      *window;
  guint          imported;
  guint          polls;
  gboolean       found[3];
  gboolean       wrong_column;
  gboolean       timed_out;
  char          *library;
} State;

static const struct { const char *side; const char *phrase; } expected[] = {
  { "moscow", "root causes of the conflict" },
  { "washington", "offer is on the table" },
  { "kyiv", "uses to rearm" },
};

/* Looks at every cell of the comparison for the expected statements. */
static gboolean
check_grid (State *state)
{
  TpCompareView *view = tp_window_get_compare_view (state->window);
  TpComparisonGrid *grid = tp_compare_view_get_grid (view);

  if (grid == NULL)
    return FALSE;
  memset (state->found, 0, sizeof state->found);
  for (guint t = 0; t < grid->topics->len; t++)
    for (guint s = 0; s < grid->sides->len; s++)
      {
        const TpLexiconSide *side = g_ptr_array_index (grid->sides, s);
        GListModel *cell = G_LIST_MODEL (tp_comparison_grid_get_cell (grid, t, s));
        GtkWidget *widget = tp_compare_view_get_cell_widget (view, t, s);

        for (guint i = 0; i < g_list_model_get_n_items (cell); i++)
          {
            g_autoptr(TpStatementRow) row = g_list_model_get_item (cell, i);
            const char *text = tp_statement_row_get_statement (row)->text;

            for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
              {
                if (strstr (text, expected[e].phrase) == NULL)
                  continue;
                if (g_strcmp0 (side->key, expected[e].side) != 0)
                  state->wrong_column = TRUE;
                /* The cell on screen shows it, not just the model. */
                else if (label_exists (widget, text, "statement-text"))
                  state->found[e] = TRUE;
              }
          }
      }
  return state->found[0] && state->found[1] && state->found[2];
}

static gboolean
poll_compare_cb (gpointer data)
{
  State *state = data;

  if (check_grid (state) || state->wrong_column || ++state->polls > 100)
    {
      g_application_quit (G_APPLICATION (state->app));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_import_finished_cb (TpWindow       *window,
                       TpImportReport *report,
                       State          *state)
{
  state->imported = report->imported;
  g_assert_cmpstr (tp_library_worker_get_path (tp_window_get_worker (window)), ==, state->library);
  if (report->imported == 0)
    {
      g_application_quit (G_APPLICATION (state->app));
      return;
    }
  /* The way a journalist would: Ctrl+2. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "compare"));
  g_timeout_add (100, poll_compare_cb, state);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    State          *state)
{
  if (!TP_IS_WINDOW (window) || state->window != NULL)
    return;
  state->window = TP_WINDOW (window);
  g_signal_connect (window, "import-finished", G_CALLBACK (on_import_finished_cb), state);
}

static gboolean
on_deadline_cb (gpointer data)
{
  State *state = data;

  state->timed_out = TRUE;
  g_application_quit (G_APPLICATION (state->app));
  return G_SOURCE_REMOVE;
}

static void
test_import_to_compare (void)
{
  State state = { 0 };
  Library *lib = library_new ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "ui", "e2e-article.txt", NULL);
  char *argv[] = { (char *) "triptych", (char *) "--library", lib->path, fixture, NULL };
  guint deadline;
  int status;
  gint64 stored;

  state.library = lib->path;
  /* Not unique: tests run side by side on one session bus. */
  state.app = tp_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (state.app, "window-added", G_CALLBACK (on_window_added_cb), &state);
  deadline = g_timeout_add_seconds (60, on_deadline_cb, &state);

  status = g_application_run (G_APPLICATION (state.app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (state.timed_out);
  g_source_remove (deadline);

  g_assert_cmpuint (state.imported, ==, 1);
  g_assert_false (state.wrong_column);
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      if (!state.found[e])
        g_test_message ("not in the %s column: %s", expected[e].side, expected[e].phrase);
      g_assert_true (state.found[e]);
    }

  /* And the library file really holds it. */
  stored = tp_store_count_articles (lib->store, NULL, NULL);
  g_assert_cmpint (stored, ==, 1);

  g_object_unref (state.app);
  library_free (lib);
}

/* --quit-after-first-frame */

#define N_ARTICLES 150

typedef struct
{
  TpApplication *app;
  TpWindow      *window;
  GdkFrameClock *clock;
  char          *newest_title;
  guint          frames_with_rows;
  guint          n_items_at_close;
  gboolean       rows_drawn_at_close;
  gboolean       closed;
  gboolean       timed_out;
  char          *output;      /* what the application printed on stdout */
  gint64         started;     /* monotonic time before it ran, and after */
  gint64         finished;
} FirstFrame;

/* The newest article's title is on screen inside the article list. */
static gboolean
rows_on_screen (FirstFrame *state)
{
  TpLibraryView *view = tp_window_get_library_view (state->window);
  GtkWidget *list = GTK_WIDGET (tp_library_view_get_column_view (view));

  return gtk_widget_get_mapped (list) && label_exists (list, state->newest_title, NULL);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *state)
{
  if (rows_on_screen (state))
    state->frames_with_rows++;
}

static void
on_first_window_realize_cb (GtkWidget  *widget,
                            FirstFrame *state)
{
  /* Connected before the window's own watch, so this runs first in the
   * frame that the window reports. */
  state->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  g_signal_connect (state->clock, "after-paint", G_CALLBACK (on_after_paint_cb), state);
}

static gboolean
on_first_window_close_request_cb (GtkWindow  *window,
                                  FirstFrame *state)
{
  TpArticleList *list = tp_library_view_get_model (tp_window_get_library_view (state->window));

  state->closed = TRUE;
  state->n_items_at_close = list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  state->rows_drawn_at_close = rows_on_screen (state);
  return FALSE;
}

static void
on_first_window_added_cb (GtkApplication *app,
                          GtkWindow      *window,
                          FirstFrame     *state)
{
  if (!TP_IS_WINDOW (window) || state->window != NULL)
    return;
  state->window = TP_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_first_window_realize_cb), state);
  g_signal_connect (window, "close-request", G_CALLBACK (on_first_window_close_request_cb), state);
}

static gboolean
on_first_frame_deadline_cb (gpointer data)
{
  FirstFrame *state = data;

  state->timed_out = TRUE;
  g_application_quit (G_APPLICATION (state->app));
  return G_SOURCE_REMOVE;
}

static int
run_quit_after_first_frame (FirstFrame *state,
                            const char *library)
{
  char *argv[] = { (char *) "triptych", (char *) "--library", (char *) library,
                   (char *) "--quit-after-first-frame", NULL };
  guint deadline;
  int status;

  /* As main() makes it: unique, so the option itself must make it run alone
   * beside the other tests on this session bus. */
  state->app = tp_application_new (G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (state->app, "window-added", G_CALLBACK (on_first_window_added_cb), state);
  deadline = g_timeout_add_seconds (60, on_first_frame_deadline_cb, state);

  /* What the application prints goes to a file, not into the test's own
   * output, and is checked by the caller. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out_path = NULL;
    int out_fd = g_file_open_tmp ("triptych-e2e-stdout-XXXXXX", &out_path, &error);
    int saved_fd;

    g_assert_no_error (error);
    fflush (stdout);
    saved_fd = dup (STDOUT_FILENO);
    g_assert_cmpint (dup2 (out_fd, STDOUT_FILENO), >=, 0);
    state->started = g_get_monotonic_time ();
    status = g_application_run (G_APPLICATION (state->app), G_N_ELEMENTS (argv) - 1, argv);
    state->finished = g_get_monotonic_time ();
    fflush (stdout);
    g_assert_cmpint (dup2 (saved_fd, STDOUT_FILENO), >=, 0);
    close (saved_fd);
    close (out_fd);
    g_assert_true (g_file_get_contents (out_path, &state->output, NULL, &error));
    g_assert_no_error (error);
    g_unlink (out_path);
  }
  if (!state->timed_out)
    g_source_remove (deadline);
  if (state->clock != NULL)
    g_signal_handlers_disconnect_by_data (state->clock, state);
  g_clear_object (&state->clock);
  return status != 0 ? status : tp_application_get_exit_status (state->app);
}

static void
test_quit_after_first_frame (void)
{
  FirstFrame state = { 0 };
  Library *lib = library_new ();
  int status;

  /* More than one page of the list, so "the first page" is what counts. */
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article number %u", i);
      g_autofree char *date = g_strdup_printf ("2025-%02u-%02u", 1 + i / 28, 1 + i % 28);
      g_autofree char *body = g_strdup_printf ("Article %u says nothing.", i);

      add_article (lib, title, "Outlet A", "en", date, body, NULL);
    }
  state.newest_title = g_strdup_printf ("Article number %u", N_ARTICLES - 1);

  status = run_quit_after_first_frame (&state, lib->path);

  g_assert_false (state.timed_out);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.closed);
  /* It quit with the articles listed and their rows on screen... */
  g_assert_cmpuint (state.n_items_at_close, ==, N_ARTICLES);
  g_assert_true (state.rows_drawn_at_close);
  /* ...at the first frame that drew them, not later. */
  g_assert_cmpuint (state.frames_with_rows, ==, 1);
  /* It said when, for `triptych-cli bench`: one line, a time within the run. */
  {
    gint64 painted = 0, main_cpu = -1, cpu = -1;

    g_assert_cmpint (sscanf (state.output, "first-frame-monotonic-us %" G_GINT64_FORMAT
                             " main-thread-cpu-us %" G_GINT64_FORMAT " process-cpu-us %"
                             G_GINT64_FORMAT "\n", &painted, &main_cpu, &cpu), ==, 3);
    g_assert_cmpint (painted, >, state.started);
    g_assert_cmpint (painted, <, state.finished);
    g_assert_cmpint (main_cpu, >, 0);
    g_assert_cmpint (cpu, >=, main_cpu);
    g_assert_cmpuint (strlen (state.output), ==, strcspn (state.output, "\n") + 1);
  }
  /* A timed start leaves the daily backup to the next ordinary one. */
  {
    g_autoptr(GPtrArray) backups = tp_store_backup_list (lib->path, NULL);

    g_assert_true (backups == NULL || backups->len == 0);
  }

  g_free (state.newest_title);
  g_free (state.output);
  g_object_unref (state.app);
  library_free (lib);
}

static void
test_quit_after_first_frame_damaged (void)
{
  FirstFrame state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("triptych-ui-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *junk = g_strnfill (8192, 'x');
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, junk, -1, &error));
  state.newest_title = g_strdup ("none");

  status = run_quit_after_first_frame (&state, path);

  g_assert_false (state.timed_out);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpuint (state.frames_with_rows, ==, 0);
  /* Nothing was drawn: no time to report. */
  g_assert_cmpstr (state.output, ==, "");

  g_free (state.newest_title);
  g_free (state.output);
  g_object_unref (state.app);
  g_unlink (path);
  g_rmdir (dir);
}

/* An ordinary start takes the daily backup once the library is on screen,
 * and the application does not end before the copy is whole, even when it
 * is told to quit at once. */
static void
on_shown_quit_cb (TpWindow      *window,
                  gboolean       usable,
                  TpApplication *app)
{
  g_assert_true (usable);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
on_backup_window_added_cb (GtkApplication *app,
                           GtkWindow      *window,
                           gpointer        user_data)
{
  if (TP_IS_WINDOW (window))
    g_signal_connect (window, "content-presented", G_CALLBACK (on_shown_quit_cb), app);
}

static void
test_daily_backup_after_shown (void)
{
  Library *lib = library_new ();
  char *argv[] = { (char *) "triptych", (char *) "--library", lib->path, NULL };
  g_autoptr(TpApplication) app = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  TpStore *copy;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Backed up %u", i);
      g_autofree char *body = g_strdup_printf ("Article %u to back up.", i);

      add_article (lib, title, "Outlet A", "en", "2025-07-01", body, NULL);
    }
  backups = tp_store_backup_list (lib->path, NULL);
  g_assert_true (backups == NULL || backups->len == 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  app = tp_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_backup_window_added_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);

  backups = tp_store_backup_list (lib->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  /* A whole library, not a copy cut short. */
  copy = tp_store_open (g_ptr_array_index (backups, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (tp_store_count_articles (copy, NULL, NULL), ==, 40);
  g_object_unref (copy);
  for (guint i = 0; i < backups->len; i++)
    g_unlink (g_ptr_array_index (backups, i));
  {
    g_autofree char *dir = g_build_filename (lib->dir, "backups", NULL);
    g_rmdir (dir);
  }
  library_free (lib);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/e2e/import-to-compare", test_import_to_compare);
  g_test_add_func ("/ui/e2e/quit-after-first-frame", test_quit_after_first_frame);
  g_test_add_func ("/ui/e2e/quit-after-first-frame/damaged", test_quit_after_first_frame_damaged);
  g_test_add_func ("/ui/e2e/daily-backup-after-shown", test_daily_backup_after_shown);
  return g_test_run ();
}
