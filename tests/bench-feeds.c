/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-feeds"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tp-feed-monitor.h"
#include "tp-store.h"
#include "web-test-server.h"

/* Refreshes N locally served feeds (5 items each) into a fresh library and
 * prints the time taken and the longest the main loop went without
 * dispatching (what a GUI would feel). Target: 200 feeds within 10 s.
 * Usage: bench-feeds [N] [--full-page]; with --full-page every item's own
 * page is fetched too (1000 more requests, all to the same host). */

#define N_FEEDS_DEFAULT 200
#define TARGET_S 10.0

typedef struct
{
  gint64 last;
  gint64 worst;
} Heartbeat;

static gboolean
on_heartbeat_cb (gpointer user_data)
{
  Heartbeat *hb = user_data;
  gint64 now = g_get_monotonic_time ();

  hb->worst = MAX (hb->worst, now - hb->last);
  hb->last = now;
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpFeedMonitor) monitor = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  WebTestServer *server;
  TpFeedRefreshStats stats = { 0 };
  Heartbeat hb = { 0 };
  guint n_feeds = N_FEEDS_DEFAULT;
  gboolean full_page = FALSE;
  gint64 start, end;
  guint heartbeat;
  double seconds;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--full-page"))
        full_page = TRUE;
      else if (g_ascii_isdigit (argv[i][0]))
        n_feeds = (guint) g_ascii_strtoull (argv[i], NULL, 10);
    }

  /* The server serves tests/data; find it from the source tree. */
  g_setenv ("G_TEST_SRCDIR", SOURCE_TESTS_DIR, FALSE);
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("triptych-bench-feeds-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-feeds: %s\n", error->message);
      return 1;
    }
  db_path = g_build_filename (dir, "library.db", NULL);
  store = tp_store_open (db_path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-feeds: %s\n", error->message);
      return 1;
    }

  server = web_test_server_new ();
  for (guint i = 0; i < n_feeds; i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/bench%u", i);
      g_autofree char *url = web_test_server_url (server, path);

      gint64 id = 0;

      if (!tp_store_add_feed (store, url, NULL, &id, &error))
        {
          fprintf (stderr, "bench-feeds: %s\n", error->message);
          return 1;
        }
      if (full_page)
        {
          g_autoptr(TpFeed) feed = tp_store_get_feed (store, id, &error);

          if (feed == NULL)
            return 1;
          feed->fetch_full_page = TRUE;
          if (!tp_store_update_feed (store, feed, &error))
            return 1;
        }
    }

  monitor = tp_feed_monitor_new (db_path, NULL);
  hb.last = g_get_monotonic_time ();
  heartbeat = g_timeout_add (5, on_heartbeat_cb, &hb);
  start = g_get_monotonic_time ();
  if (!tp_feed_monitor_refresh_sync (monitor, 0, NULL, &stats, &error))
    {
      fprintf (stderr, "bench-feeds: %s\n", error->message);
      return 1;
    }
  end = g_get_monotonic_time ();
  g_source_remove (heartbeat);
  seconds = (end - start) / (double) G_TIME_SPAN_SECOND;

  printf ("refreshed %u feeds%s in %.2f s (target %.0f s): %u new articles, %u failed, "
          "%u duplicates\n", stats.feeds_checked, full_page ? " with full pages" : "", seconds,
          TARGET_S, stats.new_articles, stats.feeds_failed, stats.duplicates);
  printf ("longest main-loop stall during the refresh: %.1f ms\n", hb.worst / 1000.0);

  g_clear_object (&monitor);
  g_clear_object (&store);
  web_test_server_free (server);
  {
    static const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db_path, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return seconds <= TARGET_S && stats.feeds_failed == 0 && stats.items_failed == 0 ? 0 : 1;
}
