/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-library"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tp-article-row.h"
#include "tp-library-view.h"
#include "tp-side-badges.h"
#include "tp-store.h"
#include "tp-window.h"
#include "test-ui-util.h"

/* The Library view against a real library file: articles go into the store,
 * the list must show them newest first with their outlets, dates and
 * per-side statement counts, and search, filters and deletion must change
 * what it lists. */

static gboolean
list_settled (gpointer data)
{
  TpArticleList *list = tp_library_view_get_model (data);

  return list != NULL && !tp_article_list_get_loading (list);
}

static const char *
row_title (TpLibraryView *view,
           guint          position)
{
  g_autoptr(TpArticleRow) row = g_list_model_get_item (G_LIST_MODEL (tp_library_view_get_model (view)),
                                                       position);
  TpArticleSummary *summary = tp_article_row_get_summary (row);

  g_assert_nonnull (summary);
  return summary->article->title;
}

/* Whether a row's side badges under @widget show @count for @side_key (and
 * say it in their tooltip, when @line is given). */
static gboolean
badges_exist (GtkWidget  *widget,
              const char *side_key,
              int         count,
              const char *line)
{
  if (TP_IS_SIDE_BADGES (widget) && gtk_widget_get_mapped (widget) &&
      tp_side_badges_get_count (TP_SIDE_BADGES (widget), side_key) == count)
    {
      const char *description = tp_side_badges_get_description (TP_SIDE_BADGES (widget));

      if (line == NULL || (description != NULL && strstr (description, line) != NULL))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (badges_exist (child, side_key, count, line))
      return TRUE;
  return FALSE;
}

static GtkWindow *
show_view (TpLibraryView   **out_view,
           TpLibraryWorker  *worker)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TpLibraryView *view = g_object_new (TP_TYPE_LIBRARY_VIEW, NULL);

  gtk_window_set_default_size (window, 1100, 700);
  gtk_window_set_child (window, GTK_WIDGET (view));
  tp_library_view_set_worker (view, worker);
  gtk_window_present (window);
  wait_for (list_settled, view);
  *out_view = view;
  return window;
}

static const char body_vi[] =
  "Người phát ngôn Điện Kremlin Dmitry Peskov nói: “Chúng tôi sẵn sàng đàm phán”.\n"
  "Tổng thống Zelensky cho biết: “Ukraine cần thêm phòng không”.";
static const char body_en[] =
  "Kremlin spokesman Dmitry Peskov said: \"We are studying the proposal.\"\n"
  "Secretary of State Marco Rubio said: \"The ball is in Russia's court.\"\n"
  "Rubio added: \"We want a ceasefire this summer.\"";
static const char body_old[] =
  "An older article with no statements, about the weather in Kyiv.";

static void
fill_three (Library *lib)
{
  add_article (lib, "Kremlin says it is ready for talks", "Báo Thử", "vi", "2025-07-05", body_vi,
               quote (body_vi, "Chúng tôi sẵn sàng đàm phán", "Dmitry Peskov", "moscow", "negotiations"),
               quote (body_vi, "Ukraine cần thêm phòng không", "Volodymyr Zelensky", "kyiv", "military-aid"),
               NULL);
  add_article (lib, "Washington wants a ceasefire", "Test Wire", "en", "2025-07-11", body_en,
               quote (body_en, "We are studying the proposal.", "Dmitry Peskov", "moscow", "ceasefire"),
               quote (body_en, "The ball is in Russia's court.", "Marco Rubio", "washington", "ceasefire"),
               quote (body_en, "We want a ceasefire this summer.", "Marco Rubio", "washington", "ceasefire"),
               NULL);
  add_article (lib, "Weather in Kyiv", "Test Wire", "en", "2025-06-01", body_old, NULL);
}

/* Tests */

static void
test_empty (void)
{
  Library *lib = library_new ();
  g_autoptr(TpLibraryWorker) worker = tp_library_worker_new (lib->path);
  TpLibraryView *view;
  GtkWindow *window = show_view (&view, worker);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tp_library_view_get_model (view))), ==, 0);
  spin (50);
  g_assert_true (label_exists (GTK_WIDGET (view), "No Articles Yet", NULL));

  gtk_window_destroy (window);
  library_free (lib);
}

static void
test_rows (void)
{
  Library *lib = library_new ();
  g_autoptr(TpLibraryWorker) worker = NULL;
  TpLibraryView *view;
  GtkWindow *window;

  fill_three (lib);
  worker = tp_library_worker_new (lib->path);
  window = show_view (&view, worker);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tp_library_view_get_model (view))), ==, 3);
  /* Newest first. */
  g_assert_cmpstr (row_title (view, 0), ==, "Washington wants a ceasefire");
  g_assert_cmpstr (row_title (view, 1), ==, "Kremlin says it is ready for talks");
  g_assert_cmpstr (row_title (view, 2), ==, "Weather in Kyiv");

  /* The cells say it too, once the lexicon has given the sides. */
  {
    g_autoptr(TpLexicon) lexicon = tp_store_load_lexicon (lib->store, NULL);
    tp_library_view_set_lexicon (view, lexicon);
  }
  spin (200);
  g_assert_true (label_exists (GTK_WIDGET (view), "Washington wants a ceasefire", NULL));
  g_assert_true (label_exists (GTK_WIDGET (view), "Báo Thử", NULL));
  g_assert_true (label_exists (GTK_WIDGET (view), "Vietnamese", NULL));
  g_assert_true (label_exists (GTK_WIDGET (view), "3 articles", NULL));
  /* Two Washington statements in the newest article, one Moscow. */
  g_assert_true (badges_exist (GTK_WIDGET (view), "washington", 2, "Washington: 2 statements"));
  g_assert_true (badges_exist (GTK_WIDGET (view), "moscow", 1, "Moscow: 1 statement"));
  g_assert_true (badges_exist (GTK_WIDGET (view), "kyiv", 1, "Kyiv: 1 statement"));
  g_assert_false (badges_exist (GTK_WIDGET (view), "washington", 3, NULL));

  gtk_window_destroy (window);
  library_free (lib);
}

static gboolean
count_is (gpointer data)
{
  gpointer *pair = data;
  TpLibraryView *view = pair[0];

  return list_settled (view) &&
         g_list_model_get_n_items (G_LIST_MODEL (tp_library_view_get_model (view))) ==
         GPOINTER_TO_UINT (pair[1]);
}

static void
wait_for_count (TpLibraryView *view,
                guint          n)
{
  gpointer pair[2] = { view, GUINT_TO_POINTER (n) };

  wait_for (count_is, pair);
}

static void
test_search (void)
{
  Library *lib = library_new ();
  g_autoptr(TpLibraryWorker) worker = NULL;
  TpLibraryView *view;
  GtkWindow *window;

  fill_three (lib);
  worker = tp_library_worker_new (lib->path);
  window = show_view (&view, worker);

  /* Folded search: no diacritics typed, Vietnamese text found. */
  tp_library_view_set_search_text (view, "dien kremlin");
  wait_for_count (view, 1);
  g_assert_cmpstr (row_title (view, 0), ==, "Kremlin says it is ready for talks");

  tp_library_view_set_search_text (view, "ceasefire");
  wait_for_count (view, 1);
  g_assert_cmpstr (row_title (view, 0), ==, "Washington wants a ceasefire");

  tp_library_view_set_search_text (view, "nothing-like-this-anywhere");
  wait_for_count (view, 0);
  spin (50);
  g_assert_true (label_exists (GTK_WIDGET (view), "No Articles Found", NULL));

  tp_library_view_set_search_text (view, "");
  wait_for_count (view, 3);

  gtk_window_destroy (window);
  library_free (lib);
}

static void
test_filters (void)
{
  Library *lib = library_new ();
  g_autoptr(TpLibraryWorker) worker = NULL;
  TpLibraryView *view;
  GtkWindow *window;
  GtkDropDown *outlets, *languages;
  GListModel *choices;
  guint wire = G_MAXUINT;

  fill_three (lib);
  worker = tp_library_worker_new (lib->path);
  window = show_view (&view, worker);
  spin (200);

  outlets = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, 0));
  languages = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, 1));
  choices = gtk_drop_down_get_model (outlets);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  for (guint i = 0; i < 3; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "Test Wire") == 0)
      wire = i;
  g_assert_cmpuint (wire, !=, G_MAXUINT);

  gtk_drop_down_set_selected (outlets, wire);
  wait_for_count (view, 2);
  g_assert_cmpstr (row_title (view, 1), ==, "Weather in Kyiv");

  /* Language "Vietnamese" with outlet "Test Wire": nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (languages)), ==, 3);
  for (guint i = 1; i < 3; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (languages)), i),
                   "Vietnamese") == 0)
      gtk_drop_down_set_selected (languages, i);
  wait_for_count (view, 0);

  gtk_drop_down_set_selected (outlets, 0);
  wait_for_count (view, 1);
  gtk_drop_down_set_selected (languages, 0);
  wait_for_count (view, 3);

  gtk_window_destroy (window);
  library_free (lib);
}

static void
test_paging (void)
{
  Library *lib = library_new ();
  g_autoptr(TpLibraryWorker) worker = NULL;
  g_autoptr(TpArticleRow) far = NULL;
  TpLibraryView *view;
  GtkWindow *window;
  char title[64], body[128], date[16];

  for (guint i = 0; i < 450; i++)
    {
      g_snprintf (title, sizeof title, "Article number %03u", i);
      g_snprintf (body, sizeof body, "Body of generated article %u, about nothing in particular.", i);
      g_snprintf (date, sizeof date, "2024-%02u-%02u", 1 + (i / 28) % 12, 1 + i % 28);
      add_article (lib, title, "Generated", "en", date, body, NULL);
    }
  worker = tp_library_worker_new (lib->path);
  window = show_view (&view, worker);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tp_library_view_get_model (view))), ==, 450);
  /* Far rows are read when asked for, not with the first page. */
  far = g_list_model_get_item (G_LIST_MODEL (tp_library_view_get_model (view)), 440);
  g_assert_null (tp_article_row_get_summary (far));
  while (tp_article_row_get_summary (far) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (tp_article_row_get_summary (far)->article->title, "Article number"));

  /* A new search drops the rows read so far, and those never read. */
  tp_library_view_set_search_text (view, "042");
  wait_for_count (view, 1);
  g_assert_cmpstr (row_title (view, 0), ==, "Article number 042");
  tp_library_view_set_search_text (view, "");
  wait_for_count (view, 450);

  gtk_window_destroy (window);
  library_free (lib);
}

/* A first page read ahead (as the window reads it during the library
 * check) fills the list at once, with no round trip to the worker; one
 * read for another filter is not used. */
static void
test_first_page_read_ahead (void)
{
  Library *lib = library_new ();
  g_autoptr(TpLibraryWorker) worker = NULL;
  g_autoptr(TpLibraryFilter) filter = NULL;
  g_autoptr(TpLibraryFilter) other = tp_library_filter_new ();
  g_autoptr(GError) error = NULL;
  TpLibraryFirstPage *first_page;
  TpLibraryView *view = g_object_new (TP_TYPE_LIBRARY_VIEW, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TpArticleList *list;

  gtk_window_set_child (window, GTK_WIDGET (view));
  fill_three (lib);
  worker = tp_library_worker_new (lib->path);

  filter = tp_library_view_dup_filter (view);
  first_page = tp_library_first_page_read (lib->store, filter, TP_ARTICLE_LIST_PAGE_SIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_page->count, ==, 3);
  g_assert_cmpuint (first_page->page->len, ==, 3);
  tp_library_view_set_worker_full (view, worker, first_page);
  list = tp_library_view_get_model (view);
  /* No main loop has run: the rows come from the page read ahead. */
  g_assert_false (tp_article_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpstr (row_title (view, 0), ==, "Washington wants a ceasefire");
  g_assert_cmpstr (row_title (view, 2), ==, "Weather in Kyiv");

  /* Read for a search the view is not showing: the worker is asked. */
  g_clear_object (&worker);
  worker = tp_library_worker_new (lib->path);
  other->query = g_strdup ("weather");
  first_page = tp_library_first_page_read (lib->store, other, TP_ARTICLE_LIST_PAGE_SIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_page->count, ==, 1);
  tp_library_view_set_worker_full (view, worker, first_page);
  list = tp_library_view_get_model (view);
  g_assert_true (tp_article_list_get_loading (list));
  wait_for (list_settled, view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  gtk_window_destroy (window);
  library_free (lib);
}

static gboolean
store_count_is (gpointer data)
{
  gpointer *pair = data;
  Library *lib = pair[0];

  return tp_store_count_articles (lib->store, NULL, NULL) == GPOINTER_TO_INT (pair[1]);
}

static void
test_delete_undo (void)
{
  Library *lib = library_new ();
  TpWindow *window;
  TpLibraryView *view;
  GtkColumnView *column_view;
  gpointer pair[2] = { lib, GINT_TO_POINTER (2) };

  fill_three (lib);
  window = tp_window_new (NULL, lib->path);
  view = tp_window_get_library_view (window);
  tp_window_show_view (window, "library");
  gtk_window_present (GTK_WINDOW (window));
  wait_for (list_settled, view);
  wait_for_count (view, 3);

  column_view = tp_library_view_get_column_view (view);
  gtk_selection_model_select_item (gtk_column_view_get_model (column_view), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tp_library_view_get_model (view))), ==, 2);
  g_assert_cmpstr (row_title (view, 0), ==, "Kremlin says it is ready for talks");
  /* Nothing is deleted while Undo is offered. */
  g_assert_cmpint (tp_store_count_articles (lib->store, NULL, NULL), ==, 3);

  /* Undo: the toast's button. */
  {
    GtkWidget *toast_button = NULL;
    GtkWidget *overlay = gtk_widget_get_first_child (GTK_WIDGET (window));

    spin (100);
    for (guint i = 0; (toast_button = find_widget_of_type (overlay, GTK_TYPE_BUTTON, i)) != NULL; i++)
      /* The annotation panels have an Undo button of their own, unmapped. */
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (toast_button)), "_Undo") == 0 &&
          gtk_widget_get_mapped (toast_button))
        break;
    g_assert_nonnull (toast_button);
    g_signal_emit_by_name (toast_button, "clicked");
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tp_library_view_get_model (view))), ==, 3);
  g_assert_cmpstr (row_title (view, 0), ==, "Washington wants a ceasefire");

  /* Delete again and let the window close: then it is gone for good. */
  spin (300);
  gtk_selection_model_select_item (gtk_column_view_get_model (column_view), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  gtk_window_close (GTK_WINDOW (window));
  wait_for (store_count_is, pair);

  library_free (lib);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/library/empty", test_empty);
  g_test_add_func ("/ui/library/rows", test_rows);
  g_test_add_func ("/ui/library/search", test_search);
  g_test_add_func ("/ui/library/filters", test_filters);
  g_test_add_func ("/ui/library/paging", test_paging);
  g_test_add_func ("/ui/library/first-page-read-ahead", test_first_page_read_ahead);
  g_test_add_func ("/ui/library/delete-undo", test_delete_undo);
  return g_test_run ();
}
