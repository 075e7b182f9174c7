/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-monitor"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tp-feed-monitor.h"
#include "tp-feed-parser.h"
#include "tp-store-feeds-extra.h"
#include "tp-store.h"
#include "web-test-server.h"

static WebTestServer *server;

typedef struct
{
  char          *dir;
  char          *db_path;
  TpStore       *store;
  TpFetcher     *fetcher;
  TpFeedMonitor *monitor;
  guint          n_updated;
  guint          n_new_signalled;
  GPtrArray     *errors;
} Fixture;

/* Auxiliary methods */

static void
on_feed_updated_cb (TpFeedMonitor *monitor,
                    gint64         feed_id,
                    guint          n_new,
                    const char    *error,
                    Fixture       *f)
{
  f->n_updated++;
  if (error != NULL)
    g_ptr_array_add (f->errors, g_strdup (error));
}

static void
on_new_articles_cb (TpFeedMonitor *monitor,
                    gint64         feed_id,
                    GPtrArray     *articles,
                    Fixture       *f)
{
  for (guint i = 0; i < articles->len; i++)
    g_assert_cmpint (((TpArticle *) g_ptr_array_index (articles, i))->id, >, 0);
  f->n_new_signalled += articles->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("triptych-monitor-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->store = tp_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->fetcher = tp_fetcher_new_full (2, 4, TP_FETCH_MAX_BYTES);
  f->monitor = tp_feed_monitor_new (f->db_path, f->fetcher);
  f->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->monitor, "feed-updated", G_CALLBACK (on_feed_updated_cb), f);
  g_signal_connect (f->monitor, "new-articles", G_CALLBACK (on_new_articles_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->monitor);
  g_clear_object (&f->fetcher);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->errors);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                      g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (f->db_path, suffix, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static gint64
add_feed (Fixture    *f,
          const char *path,
          gboolean    full_page)
{
  g_autofree char *url = web_test_server_url (server, path);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (tp_store_add_feed (f->store, url, NULL, &id, &error));
  g_assert_no_error (error);
  if (full_page)
    {
      g_autoptr(TpFeed) feed = tp_store_get_feed (f->store, id, &error);
      feed->fetch_full_page = TRUE;
      g_assert_true (tp_store_update_feed (f->store, feed, &error));
    }
  return id;
}

static TpFeed *
get_feed (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  TpFeed *feed = tp_store_get_feed (f->store, id, &error);

  g_assert_no_error (error);
  return feed;
}

static gint64
count_articles (Fixture *f,
                gint64   feed_id)
{
  TpArticleFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n;

  filter.feed_id = feed_id;
  n = tp_store_count_articles (f->store, &filter, &error);
  g_assert_no_error (error);
  return n;
}

static TpFeedRefreshStats
refresh (Fixture *f,
         gint64   feed_id)
{
  TpFeedRefreshStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (tp_feed_monitor_refresh_sync (f->monitor, feed_id, NULL, &stats, &error));
  g_assert_no_error (error);
  return stats;
}

/* Tests */

static void
test_import_and_not_modified (Fixture       *f,
                              gconstpointer  data)
{
  gint64 id = add_feed (f, "/feed/imp", FALSE);
  g_autoptr(TpFeed) feed = NULL;
  g_autoptr(TpFeed) again = NULL;
  TpFeedRefreshStats stats;

  stats = refresh (f, 0);
  g_assert_cmpuint (stats.feeds_checked, ==, 1);
  g_assert_cmpuint (stats.new_articles, ==, 5);
  g_assert_cmpuint (stats.feeds_failed, ==, 0);
  g_assert_cmpuint (f->n_new_signalled, ==, 5);
  g_assert_cmpuint (f->n_updated, ==, 1);
  g_assert_cmpint (count_articles (f, id), ==, 5);

  feed = get_feed (f, id);
  g_assert_cmpstr (feed->title, ==, "Sample feed imp");
  g_assert_cmpstr (feed->etag, ==, "\"gen-1\"");
  g_assert_null (feed->last_error);
  g_assert_nonnull (feed->last_checked);
  g_assert_cmpuint (feed->error_count, ==, 0);

  /* the second refresh is a conditional GET answered 304: nothing new */
  stats = refresh (f, id);
  g_assert_cmpuint (stats.feeds_not_modified, ==, 1);
  g_assert_cmpuint (stats.new_articles, ==, 0);
  g_assert_cmpint (count_articles (f, id), ==, 5);
  again = get_feed (f, id);
  g_assert_cmpstr (again->etag, ==, "\"gen-1\"");
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  gint64 mutable_id = add_feed (f, "/mutable", FALSE);
  gint64 same_text_id = add_feed (f, "/data/feeds/same-text.xml", FALSE);
  TpFeedRefreshStats stats;

  web_test_server_set_mutable (server, 2);
  stats = refresh (f, mutable_id);
  g_assert_cmpuint (stats.new_articles, ==, 2);

  /* two more items appear: the two known ones are skipped by URL */
  web_test_server_set_mutable (server, 4);
  stats = refresh (f, mutable_id);
  g_assert_cmpuint (stats.new_articles, ==, 2);
  g_assert_cmpuint (stats.duplicates, ==, 2);
  g_assert_cmpint (count_articles (f, mutable_id), ==, 4);

  /* one story under two addresses: the second is skipped by its text */
  stats = refresh (f, same_text_id);
  g_assert_cmpuint (stats.new_articles, ==, 1);
  g_assert_cmpuint (stats.duplicates, ==, 1);
  g_assert_cmpint (count_articles (f, same_text_id), ==, 1);
}

typedef struct
{
  const char *path;
  const char *message_part;
} FailingCase;

static const FailingCase failing_cases[] = {
  { "/status/404", "404" },
  { "/status/500", "500" },
  { "/slow", "in time" },
  { "/loop/a", "loop" },
  { "/huge", "MB" },
  { "/gzip-bomb", "MB" },
  { "/data/feeds/xxe.xml", "entity" },
  { "/data/feeds/billion-laughs.xml", "entities" },
  { "/data/feeds/not-a-feed.xml", "not an RSS" },
  { "/data/web/article.html", "web page" },
};

static void
test_failing_feed (Fixture       *f,
                   gconstpointer  data)
{
  const FailingCase *c = data;
  gint64 id = add_feed (f, c->path, FALSE);
  g_autoptr(TpFeed) first = NULL;
  g_autoptr(TpFeed) second = NULL;
  TpFeedRefreshStats stats;

  stats = refresh (f, id);
  g_assert_cmpuint (stats.feeds_failed, ==, 1);
  g_assert_cmpuint (stats.new_articles, ==, 0);
  /* nothing partial is stored */
  g_assert_cmpint (count_articles (f, 0), ==, 0);
  g_assert_cmpuint (f->errors->len, ==, 1);

  first = get_feed (f, id);
  g_assert_nonnull (first->last_error);
  g_assert_nonnull (strstr (first->last_error, c->message_part));
  g_assert_cmpuint (first->error_count, ==, 1);

  /* errors accumulate for the back-off */
  refresh (f, id);
  second = get_feed (f, id);
  g_assert_cmpuint (second->error_count, ==, 2);
  g_assert_cmpint (count_articles (f, 0), ==, 0);
}

static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = add_feed (f, "/flaky", FALSE);
  g_autoptr(TpFeed) failed = NULL;
  g_autoptr(TpFeed) recovered = NULL;
  TpFeedRefreshStats stats;

  web_test_server_set_flaky (server, TRUE);
  refresh (f, id);
  failed = get_feed (f, id);
  g_assert_cmpuint (failed->error_count, ==, 1);
  g_assert_nonnull (failed->last_error);

  web_test_server_set_flaky (server, FALSE);
  stats = refresh (f, id);
  g_assert_cmpuint (stats.new_articles, ==, 2);
  recovered = get_feed (f, id);
  g_assert_cmpuint (recovered->error_count, ==, 0);
  g_assert_null (recovered->last_error);
}

static void
test_full_page (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = add_feed (f, "/feed/full", TRUE);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  TpArticleFilter filter = { 0 };
  TpFeedRefreshStats stats;

  stats = refresh (f, id);
  g_assert_cmpuint (stats.new_articles, ==, 5);
  filter.feed_id = id;
  articles = tp_store_list_articles (f->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 5);
  for (guint i = 0; i < articles->len; i++)
    {
      TpArticleSummary *summary = g_ptr_array_index (articles, i);
      g_autoptr(TpArticle) article = tp_store_get_article (f->store, summary->article->id, &error);

      g_assert_no_error (error);
      /* the page's text, not the feed's one-line summary */
      g_assert_nonnull (strstr (article->body, "second paragraph keeps the article"));
      g_assert_cmpint (article->origin, ==, TP_ORIGIN_FEED);
    }
}

static void
test_full_page_not_needed (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = add_feed (f, "/full-feed/own", TRUE);
  TpFeedRefreshStats stats;

  /* the feed carries the text itself: no page is requested */
  stats = refresh (f, id);
  g_assert_cmpuint (stats.new_articles, ==, 1);
  /* the three items share one text: two are duplicates by text */
  g_assert_cmpuint (stats.duplicates, ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *page = g_strdup_printf ("/page/own/%u", i);
      g_assert_cmpuint (web_test_server_hits (server, page), ==, 0);
    }
}

static void
test_connection_limit (Fixture       *f,
                       gconstpointer  data)
{
  TpFeedRefreshStats stats;
  guint max_parallel;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/limit%u", i);
      add_feed (f, path, FALSE);
    }
  web_test_server_set_page_delay_ms (server, 150);
  stats = refresh (f, 0);
  max_parallel = web_test_server_max_parallel (server);
  web_test_server_set_page_delay_ms (server, 0);

  g_assert_cmpuint (stats.feeds_checked, ==, 6);
  g_assert_cmpuint (stats.new_articles, ==, 30);
  /* every feed is on the same host: never more than two at once */
  g_assert_cmpuint (max_parallel, <=, TP_FETCH_MAX_CONNS_PER_HOST);
  /* and the two slots are used: requests do overlap */
  g_assert_cmpuint (max_parallel, ==, TP_FETCH_MAX_CONNS_PER_HOST);
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  gint64 due_id = add_feed (f, "/feed/sched-due", FALSE);
  gint64 later_id = add_feed (f, "/feed/sched-later", FALSE);
  g_autoptr(TpFeed) later = get_feed (f, later_id);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  (void) due_id;
  /* checked just now with an hour's interval: not due */
  later->refresh_interval = 3600;
  later->last_checked = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_true (tp_store_update_feed (f->store, later, &error));

  tp_feed_monitor_set_default_interval (f->monitor, 1);
  tp_feed_monitor_start (f->monitor, 1);
  g_assert_true (tp_feed_monitor_is_running (f->monitor));
  g_timeout_add (3500, quit_loop_cb, loop);
  g_main_loop_run (loop);
  tp_feed_monitor_stop (f->monitor);
  g_assert_false (tp_feed_monitor_is_running (f->monitor));

  /* the due feed was refreshed at start and again once its second passed */
  g_assert_cmpuint (web_test_server_hits (server, "/feed/sched-due"), >=, 2);
  g_assert_cmpuint (web_test_server_hits (server, "/feed/sched-later"), ==, 0);
  g_assert_cmpint (count_articles (f, due_id), ==, 5);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} CancelState;

static void
on_cancelled_refresh_done_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  CancelState *state = user_data;

  state->ok = tp_feed_monitor_refresh_finish (TP_FEED_MONITOR (source), result, NULL, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelState state = { 0 };
  gint64 start;
  gint64 id = add_feed (f, "/slow", FALSE);

  state.loop = g_main_loop_new (NULL, FALSE);
  start = g_get_monotonic_time ();
  tp_feed_monitor_refresh_async (f->monitor, 0, cancellable, on_cancelled_refresh_done_cb, &state);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  g_main_loop_run (state.loop);

  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* well before the fetcher's own 2 s timeout would have ended it */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_TIME_SPAN_SECOND);
  g_assert_cmpint (count_articles (f, 0), ==, 0);
  /* cancelling is not a failure of the feed */
  {
    g_autoptr(TpFeed) feed = get_feed (f, id);
    g_assert_cmpuint (feed->error_count, ==, 0);
    g_assert_null (feed->last_error);
    g_assert_null (feed->last_checked);
  }
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

typedef struct
{
  GMainLoop *loop;
  TpFeed    *feed;
  GError    *error;
} SubscribeState;

static void
on_subscribed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SubscribeState *state = user_data;

  state->feed = tp_feed_monitor_subscribe_finish (TP_FEED_MONITOR (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static TpFeed *
subscribe_url (Fixture     *f,
               const char  *url,
               GError     **error)
{
  SubscribeState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  tp_feed_monitor_subscribe_async (f->monitor, url, NULL, on_subscribed_cb, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);
  if (state.error != NULL)
    g_propagate_error (error, state.error);
  return state.feed;
}

static TpFeed *
subscribe (Fixture     *f,
           const char  *path,
           GError     **error)
{
  g_autofree char *url = web_test_server_url (server, path);

  return subscribe_url (f, url, error);
}

static void
test_subscribe (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) feed = NULL;
  g_autoptr(TpFeed) again = NULL;
  g_autoptr(TpFeed) dead = NULL;
  g_autoptr(TpFeed) hostile = NULL;
  g_autoptr(TpFeed) page = NULL;
  g_autoptr(GPtrArray) feeds = NULL;

  feed = subscribe (f, "/feed/sub", &error);
  g_assert_no_error (error);
  g_assert_cmpint (feed->id, >, 0);
  g_assert_cmpstr (feed->title, ==, "Sample feed sub");

  again = subscribe (f, "/feed/sub", &error);
  g_assert_null (again);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  dead = subscribe (f, "/status/404", &error);
  g_assert_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  hostile = subscribe (f, "/data/feeds/xxe.xml", &error);
  g_assert_error (error, TP_FEED_ERROR, TP_FEED_ERROR_UNSAFE);
  g_clear_error (&error);
  page = subscribe (f, "/data/web/article.html", &error);
  g_assert_error (error, TP_FEED_ERROR, TP_FEED_ERROR_NOT_A_FEED);
  g_clear_error (&error);

  /* only the real feed was added */
  feeds = tp_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
}

/* A feed whose address redirects. Permanent redirects (301, 308) move the
 * subscription to the new address; temporary ones (302, 307) do not; a move
 * to an address already subscribed, or to something that is not a feed,
 * leaves the subscription where it was. */
typedef struct
{
  const char *name;
  const char *path;
  const char *expected_url;   /* the path subscribed after the refresh, NULL: unchanged */
  const char *subscribed;     /* another subscription first */
  gboolean    shout;          /* ...written with its scheme in capitals */
  gboolean    failed;
  const char *message;        /* the message logged, a g_pattern_match_simple() pattern */
} MoveCase;

static const MoveCase move_cases[] = {
  { "301", "/go/301/web/feed/m301", "/feed/m301", NULL, FALSE, FALSE,
    "Feed 1 moved permanently from */go/301/web/feed/m301 to */feed/m301; "
    "its subscription now uses the new address" },
  { "308", "/go/308/web/feed/m308", "/feed/m308", NULL, FALSE, FALSE,
    "Feed 1 moved permanently from */go/308/web/feed/m308 to */feed/m308; "
    "its subscription now uses the new address" },
  { "302", "/go/302/web/feed/m302", NULL, NULL, FALSE, FALSE, NULL },
  { "307", "/go/307/web/feed/m307", NULL, NULL, FALSE, FALSE, NULL },
  /* The permanent part of a chain only. */
  { "301-302", "/go/301/go/302/web/feed/mchain", "/go/302/web/feed/mchain", NULL, FALSE, FALSE,
    "Feed 1 moved permanently from */go/301/go/302/web/feed/mchain to "
    "*/go/302/web/feed/mchain; its subscription now uses the new address" },
  { "already-subscribed", "/go/301/web/feed/mdup", NULL, "/feed/mdup", FALSE, FALSE,
    "Feed 2 moved permanently from */go/301/web/feed/mdup to */feed/mdup, which is already "
    "subscribed as feed 1; keeping the old address" },
  { "already-subscribed-written-otherwise", "/go/301/web/feed/mdup2", NULL, "/feed/mdup2", TRUE,
    FALSE,
    "Feed 2 moved permanently from */go/301/web/feed/mdup2 to */feed/mdup2, which is already "
    "subscribed as feed 1; keeping the old address" },
  { "not-a-feed", "/go/301/web/data/web/article.html", NULL, NULL, FALSE, TRUE, NULL },
};

static void
test_moved (Fixture       *f,
            gconstpointer  data)
{
  const MoveCase *c = data;
  g_autofree char *url = web_test_server_url (server, c->path);
  g_autofree char *expected = web_test_server_url (server, c->expected_url != NULL
                                                           ? c->expected_url : c->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) feed = NULL;
  g_autoptr(TpFeed) again = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  gint64 other_id = 0;
  gint64 id = 0;
  TpFeedRefreshStats stats;

  if (c->subscribed != NULL)
    {
      g_autofree char *other_url = web_test_server_url (server, c->subscribed);

      if (c->shout)
        memcpy (other_url, "HTTP", 4);
      g_assert_true (tp_store_add_feed (f->store, other_url, NULL, &other_id, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tp_store_add_feed (f->store, url, NULL, &id, &error));
  g_assert_no_error (error);

  if (c->message != NULL)
    g_test_expect_message ("tp-feed-monitor", G_LOG_LEVEL_MESSAGE, c->message);
  stats = refresh (f, id);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (stats.feeds_failed, ==, c->failed ? 1 : 0);
  g_assert_cmpuint (stats.new_articles, ==, c->failed ? 0 : 5);

  feed = get_feed (f, id);
  g_assert_cmpstr (feed->url, ==, expected);
  if (c->failed)
    g_assert_nonnull (feed->last_error);
  else
    g_assert_true (g_str_has_prefix (feed->title, "Sample feed m"));
  feeds = tp_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, c->subscribed != NULL ? 2 : 1);
  if (other_id != 0)
    {
      g_autoptr(TpFeed) other = get_feed (f, other_id);
      g_autofree char *other_url = web_test_server_url (server, c->subscribed);

      if (c->shout)
        memcpy (other_url, "HTTP", 4);
      g_assert_cmpstr (other->url, ==, other_url);
    }

  /* The next refresh asks the address kept, and changes nothing more; a
   * move that was refused is refused (and logged) again. */
  if (c->message != NULL && c->expected_url == NULL)
    g_test_expect_message ("tp-feed-monitor", G_LOG_LEVEL_MESSAGE, c->message);
  stats = refresh (f, id);
  g_test_assert_expected_messages ();
  if (!c->failed)
    g_assert_cmpuint (stats.feeds_not_modified, ==, 1);
  again = get_feed (f, id);
  g_assert_cmpstr (again->url, ==, expected);
}

static void
test_set_feed_url (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) moved = NULL;
  g_autoptr(TpFeed) kept = NULL;
  gint64 a = 0, b = 0, other = 0;

  g_assert_true (tp_store_add_feed (f->store, "https://a.example/feed", NULL, &a, &error));
  g_assert_true (tp_store_add_feed (f->store, "https://b.example/feed", NULL, &b, &error));
  g_assert_no_error (error);

  g_assert_true (tp_store_set_feed_url (f->store, a, "https://a.example/rss", &other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (other, ==, 0);
  moved = get_feed (f, a);
  g_assert_cmpstr (moved->url, ==, "https://a.example/rss");

  /* Onto another subscription: refused, nothing changed, the other named. */
  g_assert_false (tp_store_set_feed_url (f->store, a, "https://b.example/feed", &other, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (other, ==, b);
  kept = get_feed (f, a);
  g_assert_cmpstr (kept->url, ==, "https://a.example/rss");

  g_assert_false (tp_store_set_feed_url (f->store, a + b + 1, "https://c.example/", NULL, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
}

/* Subscribing to an address that moved for good subscribes to the new one. */
static void
test_subscribe_moved (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *moved = web_test_server_url (server, "/go/301/web/feed/smoved");
  g_autofree char *moved_to = web_test_server_url (server, "/feed/smoved");
  g_autofree char *detour = web_test_server_url (server, "/go/302/web/feed/sdetour");
  g_autofree char *known = web_test_server_url (server, "/go/308/web/feed/smoved");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) feed = NULL;
  g_autoptr(TpFeed) temporary = NULL;
  g_autoptr(TpFeed) again = NULL;
  g_autoptr(GPtrArray) feeds = NULL;

  feed = subscribe_url (f, moved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->url, ==, moved_to);
  g_assert_cmpstr (feed->title, ==, "Sample feed smoved");

  temporary = subscribe_url (f, detour, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (temporary->url, ==, detour);

  /* Another old address of a feed already there: no second subscription. */
  again = subscribe_url (f, known, &error);
  g_assert_null (again);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  feeds = tp_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
}

static void
test_backoff (void)
{
  g_assert_cmpuint (tp_feed_monitor_backoff_delay (1800, 0), ==, 1800);
  g_assert_cmpuint (tp_feed_monitor_backoff_delay (1800, 1), ==, 3600);
  g_assert_cmpuint (tp_feed_monitor_backoff_delay (1800, 3), ==, 14400);
  g_assert_cmpuint (tp_feed_monitor_backoff_delay (1800, 9), ==, TP_FEED_MAX_BACKOFF_S);
  g_assert_cmpuint (tp_feed_monitor_backoff_delay (1800, 500), ==, TP_FEED_MAX_BACKOFF_S);
  /* an interval longer than the cap is never shortened */
  g_assert_cmpuint (tp_feed_monitor_backoff_delay (200000, 2), ==, 200000);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/monitor/import-and-not-modified", test_import_and_not_modified, NULL);
  ADD ("/monitor/duplicates", test_duplicates, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (failing_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/monitor/failing%s", failing_cases[i].path);
      ADD (name, test_failing_feed, &failing_cases[i]);
    }
  ADD ("/monitor/recovery", test_recovery, NULL);
  ADD ("/monitor/full-page", test_full_page, NULL);
  ADD ("/monitor/full-page-not-needed", test_full_page_not_needed, NULL);
  ADD ("/monitor/connection-limit", test_connection_limit, NULL);
  ADD ("/monitor/schedule", test_schedule, NULL);
  ADD ("/monitor/cancel", test_cancel, NULL);
  ADD ("/monitor/subscribe", test_subscribe, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (move_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/monitor/moved/%s", move_cases[i].name);
      ADD (name, test_moved, &move_cases[i]);
    }
  ADD ("/monitor/moved/store", test_set_feed_url, NULL);
  ADD ("/monitor/moved/subscribe", test_subscribe_moved, NULL);
  g_test_add_func ("/monitor/backoff", test_backoff);

#undef ADD

  server = web_test_server_new ();
  ret = g_test_run ();
  web_test_server_free (server);
  return ret;
}
