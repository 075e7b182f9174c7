/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-feeds"

#include "config.h"

#include "tp-application.h"
#include "tp-feeds-page.h"
#include "tp-web-import.h"
#include "tp-window.h"
#include "test-ui-util.h"
#include "web-test-server.h"

/* The Feeds page against a real library in a temporary folder and a real
 * SoupServer on 127.0.0.1: subscribing through the Add Feed dialog brings
 * the feed's items in and shows their count in the row; a feed that answers
 * 404 shows the error in its row; an article's address imports the article,
 * once. */

typedef struct
{
  Library         *lib;
  WebTestServer   *server;
  TpLibraryWorker *worker;
  GtkWindow       *window;
  TpFeedsPage     *page;
  guint            articles_added;
  guint            opml_done;
  GPtrArray       *watched;       /* "key name n" per watched-statements */
  gint64           watched_article;
} Fixture;

static void
on_articles_added_cb (TpFeedsPage *page,
                      Fixture     *fx)
{
  fx->articles_added++;
}

static void
on_watched_statements_cb (TpFeedsPage *page,
                          const char  *actor_key,
                          const char  *actor_name,
                          guint        n_statements,
                          gint64       article_id,
                          Fixture     *fx)
{
  g_ptr_array_add (fx->watched, g_strdup_printf ("%s %s %u", actor_key, actor_name,
                                                 n_statements));
  fx->watched_article = article_id;
}

static void
on_opml_done_cb (TpFeedsPage *page,
                 Fixture     *fx)
{
  fx->opml_done++;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fx->lib = library_new ();
  fx->server = web_test_server_new ();
  fx->worker = tp_library_worker_new (fx->lib->path);
  fx->page = g_object_new (TP_TYPE_FEEDS_PAGE, NULL);
  fx->watched = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fx->page, "articles-added", G_CALLBACK (on_articles_added_cb), fx);
  g_signal_connect (fx->page, "watched-statements", G_CALLBACK (on_watched_statements_cb), fx);
  g_signal_connect (fx->page, "opml-done", G_CALLBACK (on_opml_done_cb), fx);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fx->page));

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 900, 700);
  gtk_window_set_child (fx->window, overlay);
  gtk_window_present (fx->window);
  tp_feeds_page_set_library (fx->page, fx->worker, NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (fx->window);
  /* Let the page's last worker calls come back before the library goes. */
  spin (200);
  g_clear_object (&fx->worker);
  g_clear_pointer (&fx->server, web_test_server_free);
  g_clear_pointer (&fx->watched, g_ptr_array_unref);
  library_free (fx->lib);
}

/* Auxiliary methods */

/* A mapped label under @widget whose text contains @part (and that has
 * @css_class, when given), or NULL. */
static GtkLabel *
find_label_containing (GtkWidget  *widget,
                       const char *part,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, part, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  Fixture    *fx;
  const char *part;
  const char *css_class;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  return find_label_containing (GTK_WIDGET (w->fx->window), w->part, w->css_class) != NULL;
}

static void
wait_for_label (Fixture    *fx,
                const char *part,
                const char *css_class)
{
  LabelWait w = { fx, part, css_class };

  wait_for (label_shown, &w);
}

static TpFeedsPageItem *
first_item (Fixture *fx)
{
  GListModel *model = tp_feeds_page_get_model (fx->page);
  g_autoptr(TpFeedsPageItem) item = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return NULL;
  item = g_list_model_get_item (model, 0);
  return item;  /* the model keeps it alive */
}

static gboolean
page_loaded (gpointer data)
{
  Fixture *fx = data;

  /* The list or the empty state is showing once the first listing is in. */
  return label_exists (GTK_WIDGET (fx->window), "No Feeds", NULL) || first_item (fx) != NULL;
}

static gboolean
page_has_item (gpointer data)
{
  return first_item (data) != NULL;
}

static gboolean
feed_has_five_articles (gpointer data)
{
  TpFeedsPageItem *item = first_item (data);

  return item != NULL && tp_feeds_page_item_get_feed (item)->n_articles == 5 &&
         !tp_feeds_page_item_get_refreshing (item);
}

static gboolean
feed_has_error (gpointer data)
{
  TpFeedsPageItem *item = first_item (data);

  return item != NULL && tp_feeds_page_item_get_feed (item)->last_error != NULL;
}

static gboolean
an_article_was_added (gpointer data)
{
  return ((Fixture *) data)->articles_added > 0;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gint64
count_articles (Fixture *fx,
                gint64   feed_id)
{
  TpArticleFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n;

  filter.feed_id = feed_id;
  n = tp_store_count_articles (fx->lib->store, &filter, &error);
  g_assert_no_error (error);
  return n;
}

/* Tests */

static void
test_empty (Fixture       *fx,
            gconstpointer  data)
{
  wait_for (page_loaded, fx);
  g_assert_true (label_exists (GTK_WIDGET (fx->window), "No Feeds", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tp_feeds_page_get_model (fx->page)), ==, 0);
}

static void
test_subscribe (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *url = web_test_server_url (fx->server, "/feed/desk");
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  TpFeedsPageItem *item;
  const TpFeed *feed;

  wait_for (page_loaded, fx);

  /* Through the dialog, as the journalist does it. */
  gtk_widget_activate_action (GTK_WIDGET (fx->page), "feeds.add", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (entry, "not an address");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (entry, url);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait_for (feed_has_five_articles, fx);
  item = first_item (fx);
  feed = tp_feeds_page_item_get_feed (item);
  g_assert_cmpstr (feed->url, ==, url);
  g_assert_cmpstr (feed->title, ==, "Sample feed desk");
  g_assert_null (feed->last_error);
  g_assert_cmpuint (tp_feeds_page_item_get_n_new (item), ==, 5);
  g_assert_cmpint (count_articles (fx, feed->id), ==, 5);
  g_assert_cmpuint (tp_feeds_page_get_n_unseen (fx->page), ==, 5);
  g_assert_cmpuint (fx->articles_added, >, 0);

  /* The row says so on screen. */
  wait_for_label (fx, "5 articles", "feed-status");
  g_assert_true (label_exists (GTK_WIDGET (fx->window), "Sample feed desk", "heading"));
  g_assert_true (label_exists (GTK_WIDGET (fx->window), "5 new", "feed-new-badge"));
  g_assert_null (find_label_containing (GTK_WIDGET (fx->window), "404", "error"));

  /* Subscribing twice adds nothing. */
  tp_feeds_page_subscribe (fx->page, url);
  wait_for_label (fx, "You already follow this feed", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (tp_feeds_page_get_model (fx->page)), ==, 1);
}

static void
test_error (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *url = web_test_server_url (fx->server, "/status/404");
  g_autoptr(GError) error = NULL;
  TpFeedsPageItem *item;
  GtkLabel *label;
  gint64 id = 0;

  /* Added while it still worked, say; it answers 404 now. */
  tp_store_add_feed (fx->lib->store, url, "Gone Desk", &id, &error);
  g_assert_no_error (error);
  tp_feeds_page_reload (fx->page);
  wait_for (page_has_item, fx);

  gtk_widget_activate_action (GTK_WIDGET (fx->page), "feeds.refresh-all", NULL);
  wait_for (feed_has_error, fx);
  item = first_item (fx);
  g_assert_cmpuint (tp_feeds_page_item_get_feed (item)->error_count, ==, 1);
  g_assert_cmpint (count_articles (fx, id), ==, 0);

  /* The error is in the row, in the error style, with the back-off. */
  wait_for_label (fx, "404", "error");
  label = find_label_containing (GTK_WIDGET (fx->window), "404", "error");
  g_assert_cmpstr (gtk_label_get_label (label), ==,
                   tp_feeds_page_item_get_feed (item)->last_error);
  g_assert_true (find_label_containing (GTK_WIDGET (fx->window), "Failed 1 time in a row",
                                        NULL) != NULL);
}

static void
test_import_url (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *url = web_test_server_url (fx->server, "/data/web/article.html");
  /* An address with characters that mean something in markup. */
  g_autofree char *missing = web_test_server_url (fx->server, "/status/404?a=1&b=2");
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  TpArticleFilter filter = { 0 };
  TpArticleSummary *summary;

  wait_for (page_loaded, fx);
  tp_feeds_page_import_url (fx->page, url);
  wait_for (an_article_was_added, fx);
  wait_for_label (fx, "Imported “Sample: Kremlin says talks on grain corridor may resume”",
                  NULL);

  articles = tp_store_list_articles (fx->lib->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  summary = g_ptr_array_index (articles, 0);
  g_assert_cmpstr (summary->article->title, ==,
                   "Sample: Kremlin says talks on grain corridor may resume");
  g_assert_cmpint (summary->article->origin, ==, TP_ORIGIN_URL);
  /* Analysed on the way in: Peskov's quotes are statements, filed under Moscow. */
  g_assert_cmpuint (summary->n_statements, >=, 2);
  g_assert_cmpuint (tp_article_summary_get_side_count (summary, "moscow"), >=, 2);

  /* The same address again is a duplicate, said as such. */
  tp_feeds_page_import_url (fx->page, url);
  wait_for_label (fx, "is already in the library", NULL);
  g_assert_cmpint (count_articles (fx, 0), ==, 1);

  /* A page that is not there: the fetcher's own error. */
  tp_feeds_page_import_url (fx->page, missing);
  wait_for_label (fx, "Cannot import the page", NULL);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (fx->window), "404", NULL));
  g_assert_cmpint (count_articles (fx, 0), ==, 1);
  g_assert_cmpuint (fx->articles_added, ==, 1);
}

static gboolean
feed_has_articles (gpointer data)
{
  TpFeedsPageItem *item = first_item (data);

  return item != NULL && tp_feeds_page_item_get_feed (item)->n_articles > 0 &&
         !tp_feeds_page_item_get_refreshing (item);
}

static gboolean
someone_watched_spoke (gpointer data)
{
  return ((Fixture *) data)->watched->len > 0;
}

/* The RDF sample carries a Vietnamese item quoting Peskov. With him on the
 * watch list, his statement is announced; with someone else, nothing is. */
static void
test_watch_list (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *url = web_test_server_url (fx->server, "/data/feeds/sample-rss1.rdf");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *watched[] = { "peskov", NULL };
  const char *others[] = { "zelensky", NULL };
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gboolean mentioned = GPOINTER_TO_INT (data);

  g_settings_set_strv (settings, "watched-actors", mentioned ? watched : others);
  wait_for (page_loaded, fx);
  tp_feeds_page_subscribe (fx->page, url);
  wait_for (feed_has_articles, fx);

  if (!mentioned)
    {
      /* Give the watch-list lookup time to come back, and say nothing. */
      spin (500);
      g_assert_cmpuint (fx->watched->len, ==, 0);
      return;
    }
  wait_for (someone_watched_spoke, fx);
  g_assert_cmpuint (fx->watched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fx->watched, 0), ==, "peskov Dmitry Peskov 1");
  article = tp_store_get_article (fx->lib->store, fx->watched_article, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (article->title, "Mẫu"));
  g_settings_reset (settings, "watched-actors");
}

static gboolean
opml_is_done (gpointer data)
{
  return ((Fixture *) data)->opml_done > 0;
}

static gboolean
page_has_two_items (gpointer data)
{
  Fixture *fx = data;

  return g_list_model_get_n_items (tp_feeds_page_get_model (fx->page)) == 2;
}

/* Subscriptions go out to an OPML file and come back from it: new feeds
 * are added, known ones are not added twice. */
static void
test_opml (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *first = web_test_server_url (fx->server, "/feed/one");
  g_autofree char *second = web_test_server_url (fx->server, "/feed/two");
  g_autofree char *path = g_build_filename (fx->lib->dir, "subscriptions.opml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  tp_store_add_feed (fx->lib->store, first, "First Desk", &id, &error);
  g_assert_no_error (error);
  tp_store_add_feed (fx->lib->store, second, "Second Desk", &id, &error);
  g_assert_no_error (error);
  tp_feeds_page_reload (fx->page);
  wait_for (page_has_two_items, fx);

  tp_feeds_page_export_opml (fx->page, file);
  wait_for (opml_is_done, fx);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<opml"));
  g_assert_nonnull (strstr (contents, first));
  g_assert_nonnull (strstr (contents, "Second Desk"));

  /* Into a library that follows only the second feed. */
  tp_store_remove_feed (fx->lib->store, 1, &error);
  g_assert_no_error (error);
  tp_feeds_page_reload (fx->page);
  wait_for (page_has_item, fx);
  spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (tp_feeds_page_get_model (fx->page)), ==, 1);
  fx->opml_done = 0;
  tp_feeds_page_import_opml (fx->page, file);
  wait_for (opml_is_done, fx);
  wait_for_label (fx, "Subscribed to 1 feed · 1 already followed", NULL);
  wait_for (page_has_two_items, fx);
  g_unlink (path);
}

/* The first button under @widget whose label is @label, or NULL. */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast's close button. */
static GtkButton *
find_close_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_close_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
undo_shown (gpointer data)
{
  return find_button (GTK_WIDGET (((Fixture *) data)->window), "_Undo") != NULL;
}

static gboolean
page_is_empty (gpointer data)
{
  return first_item (data) == NULL;
}

static gboolean
store_has_no_feed (gpointer data)
{
  Fixture *fx = data;
  g_autoptr(GPtrArray) feeds = tp_store_list_feeds (fx->lib->store, NULL);

  return feeds != NULL && feeds->len == 0;
}

/* Removes the feed through its row's settings popover. */
static void
click_remove (Fixture *fx)
{
  GtkWidget *list = find_widget_of_type (GTK_WIDGET (fx->page), GTK_TYPE_LIST_BOX, 0);
  GtkWidget *menu = find_widget_of_type (list, GTK_TYPE_MENU_BUTTON, 0);
  GtkPopover *popover;
  GtkButton *remove;

  g_assert_nonnull (menu);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu));
  spin (100);
  remove = find_button (GTK_WIDGET (popover), "_Remove Feed");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
}

static void
test_remove_undo (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *url = web_test_server_url (fx->server, "/feed/gone");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  tp_store_add_feed (fx->lib->store, url, "Desk to Remove", &id, &error);
  g_assert_no_error (error);
  tp_feeds_page_reload (fx->page);
  wait_for (page_has_item, fx);

  /* Removed from the list at once, from the library only once the Undo
   * toast has gone; Undo brings the row back. */
  click_remove (fx);
  g_assert_null (first_item (fx));
  wait_for (undo_shown, fx);
  feeds = tp_store_list_feeds (fx->lib->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  gtk_widget_activate (GTK_WIDGET (find_button (GTK_WIDGET (fx->window), "_Undo")));
  wait_for (page_has_item, fx);
  g_assert_cmpint (tp_feeds_page_item_get_feed (first_item (fx))->id, ==, id);
  /* The first toast slides away before the next one comes. */
  spin (1000);
  g_assert_false (undo_shown (fx));

  click_remove (fx);
  wait_for (page_is_empty, fx);
  wait_for (undo_shown, fx);
  g_assert_false (store_has_no_feed (fx));
  /* Closing the toast makes the removal final. */
  gtk_widget_activate (GTK_WIDGET (find_close_button (GTK_WIDGET (fx->window))));
  wait_for (store_has_no_feed, fx);
  g_assert_true (label_exists (GTK_WIDGET (fx->window), "No Feeds", NULL));
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Probe;

static gboolean
on_probe_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last > 0)
    probe->max_gap = MAX (probe->max_gap, now - probe->last);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
all_refreshed (gpointer data)
{
  Fixture *fx = data;
  GListModel *model = tp_feeds_page_get_model (fx->page);
  guint n = g_list_model_get_n_items (model);

  if (n != 200)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TpFeedsPageItem) item = g_list_model_get_item (model, i);

      if (tp_feeds_page_item_get_refreshing (item) ||
          tp_feeds_page_item_get_feed (item)->n_articles != 5)
        return FALSE;
    }
  return TRUE;
}

static gboolean
page_has_200_items (gpointer data)
{
  Fixture *fx = data;

  return g_list_model_get_n_items (tp_feeds_page_get_model (fx->page)) == 200;
}

/* 200 feeds refreshed from the page: every row ends with its five
 * articles, and the main loop keeps turning meanwhile. The figures are
 * printed; the bounds are loose because the test machine is shared. */
static void
test_refresh_many (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Probe probe = { 0 };
  gint64 start, elapsed;
  guint probe_id;
  gboolean timed_out = FALSE;
  guint timeout_id;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/many-%u", i);
      g_autofree char *url = web_test_server_url (fx->server, path);
      gint64 id = 0;

      tp_store_add_feed (fx->lib->store, url, NULL, &id, &error);
      g_assert_no_error (error);
    }
  tp_feeds_page_reload (fx->page);
  wait_for (page_has_200_items, fx);
  /* The rows are laid out once before the clock starts. */
  spin (1000);

  probe_id = g_timeout_add (5, on_probe_cb, &probe);
  start = g_get_monotonic_time ();
  tp_feeds_page_refresh (fx->page, 0);
  timeout_id = g_timeout_add_seconds (90, on_timeout_cb, &timed_out);
  while (!all_refreshed (fx) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (probe_id);

  g_test_message ("refreshing 200 feeds from the Feeds page: %.2f s, longest main-loop "
                  "stall %.0f ms", elapsed / 1e6, probe.max_gap / 1e3);
  g_assert_cmpint (count_articles (fx, 0), ==, 1000);
  g_assert_cmpint (probe.max_gap, <, 2 * G_USEC_PER_SEC);
}

typedef struct
{
  TpApplication *app;
  gint64         article_id;
  gboolean       opened;
  gboolean       monitor_ok;
  guint          polls;
} NotifyState;

static gboolean
poll_article_cb (gpointer data)
{
  NotifyState *state = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (state->app));

  /* The article view is on screen, showing that article. */
  if (TP_IS_WINDOW (window) &&
      gtk_widget_get_mapped (GTK_WIDGET (tp_window_get_article_view (TP_WINDOW (window)))) &&
      label_exists (GTK_WIDGET (tp_window_get_article_view (TP_WINDOW (window))),
                    "Sample: Peskov on talks", NULL))
    state->opened = TRUE;
  if (state->opened || ++state->polls > 100)
    {
      g_application_quit (G_APPLICATION (state->app));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_app_activate_cb (GApplication *app,
                    NotifyState  *state)
{
  /* What activating a watch-list notification does. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-article",
                                  g_variant_new_int64 (state->article_id));
  state->monitor_ok = tp_application_get_feed_monitor (state->app,
                                                       tp_application_get_library_path (state->app))
                      != NULL;
  g_timeout_add (100, poll_article_cb, state);
}

/* A watch-list notification's action, app.open-article, opens the article
 * in the window. */
static void
test_notification_opens_article (void)
{
  Library *lib = library_new ();
  NotifyState state = { 0 };
  const char *body = "“We are ready to talk,” Kremlin spokesman Dmitry Peskov said.";
  char *argv[] = { (char *) "triptych", NULL };

  state.article_id = add_article (lib, "Sample: Peskov on talks", "Sample Wire", "en",
                                  "2025-07-04", body, NULL);
  g_clear_object (&lib->store);
  state.app = tp_application_new (G_APPLICATION_NON_UNIQUE);
  tp_application_set_library_path (state.app, lib->path);
  g_signal_connect_after (state.app, "activate", G_CALLBACK (on_app_activate_cb), &state);
  g_application_run (G_APPLICATION (state.app), 1, argv);

  g_assert_true (state.monitor_ok);
  g_assert_true (state.opened);
  g_clear_object (&state.app);
  library_free (lib);
}

typedef struct
{
  Library *lib;
  gint64   expected;
} CountWait;

static gboolean
library_has_articles (gpointer data)
{
  CountWait *w = data;
  TpArticleFilter filter = { 0 };

  return tp_store_count_articles (w->lib->store, &filter, NULL) == w->expected;
}

/* Ctrl+V in the window with an address on the clipboard imports the page
 * at that address; other text is still imported as the text itself. */
static void
test_paste_url (void)
{
  g_autoptr(WebTestServer) server = web_test_server_new ();
  g_autofree char *url = web_test_server_url (server, "/data/web/article.html");
  g_autofree char *pasted = g_strdup_printf ("  %s\n", url);
  Library *lib = library_new ();
  TpWindow *window = tp_window_new (NULL, lib->path);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  TpArticleFilter filter = { 0 };
  CountWait w = { lib, 1 };

  gtk_window_present (GTK_WINDOW (window));
  gdk_clipboard_set_text (clipboard, pasted);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  wait_for (library_has_articles, &w);

  articles = tp_store_list_articles (lib->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((TpArticleSummary *) g_ptr_array_index (articles, 0))->article->title, ==,
                   "Sample: Kremlin says talks on grain corridor may resume");
  g_assert_cmpint (((TpArticleSummary *) g_ptr_array_index (articles, 0))->article->origin, ==,
                   TP_ORIGIN_URL);

  /* Text that merely contains an address is pasted as text. */
  gdk_clipboard_set_text (clipboard, "Ông Peskov nói: “Chúng tôi sẵn sàng đàm phán”. Nguồn: "
                                     "https://example.com/tin-tuc");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  w.expected = 2;
  wait_for (library_has_articles, &w);
  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = tp_store_list_articles (lib->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((TpArticleSummary *) g_ptr_array_index (articles, 0))->article->origin, ==,
                   TP_ORIGIN_PASTE);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
  library_free (lib);
}

static void
test_looks_like_url (void)
{
  g_assert_true (tp_web_import_looks_like_url ("https://example.com/news/1"));
  g_assert_true (tp_web_import_looks_like_url ("  http://example.com/a?b=c\n"));
  g_assert_false (tp_web_import_looks_like_url ("https://example.com/a and more text"));
  g_assert_false (tp_web_import_looks_like_url ("ftp://example.com/file"));
  g_assert_false (tp_web_import_looks_like_url ("Ông Peskov nói: “Không”."));
  g_assert_false (tp_web_import_looks_like_url (""));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/feeds/looks-like-url", test_looks_like_url);
  g_test_add_func ("/ui/feeds/paste-url", test_paste_url);
  g_test_add_func ("/ui/feeds/notification-opens-article", test_notification_opens_article);
  g_test_add ("/ui/feeds/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/ui/feeds/subscribe", Fixture, NULL, fixture_set_up, test_subscribe,
              fixture_tear_down);
  g_test_add ("/ui/feeds/error", Fixture, NULL, fixture_set_up, test_error, fixture_tear_down);
  g_test_add ("/ui/feeds/import-url", Fixture, NULL, fixture_set_up, test_import_url,
              fixture_tear_down);
  g_test_add ("/ui/feeds/opml", Fixture, NULL, fixture_set_up, test_opml, fixture_tear_down);
  g_test_add ("/ui/feeds/remove-undo", Fixture, NULL, fixture_set_up, test_remove_undo,
              fixture_tear_down);
  g_test_add ("/ui/feeds/refresh-200", Fixture, NULL, fixture_set_up, test_refresh_many,
              fixture_tear_down);
  g_test_add ("/ui/feeds/watch-list/notified", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_watch_list, fixture_tear_down);
  g_test_add ("/ui/feeds/watch-list/not-watched", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_watch_list, fixture_tear_down);
  return g_test_run ();
}
