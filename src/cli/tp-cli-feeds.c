/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp-cli.h"
#include "tp-feed-monitor.h"
#include "tp-feed-parser.h"
#include "tp-fetcher.h"
#include "tp-opml.h"
#include "tp-store.h"

/* Auxiliary methods */

static void
add_nullable_string (JsonBuilder *b,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
build_feed_json (TpFeedDocument *feed)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_nullable_string (b, "format", tp_feed_format_to_string (feed->format));
  add_nullable_string (b, "title", feed->title);
  add_nullable_string (b, "link", feed->link);
  add_nullable_string (b, "language", feed->language);
  add_nullable_string (b, "updated", feed->updated);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      TpFeedEntry *e = g_ptr_array_index (feed->entries, i);

      json_builder_begin_object (b);
      add_nullable_string (b, "id", e->id);
      add_nullable_string (b, "title", e->title);
      add_nullable_string (b, "link", e->link);
      add_nullable_string (b, "author", e->author);
      add_nullable_string (b, "published", e->published);
      add_nullable_string (b, "updated", e->updated);
      add_nullable_string (b, "summary", e->summary);
      add_nullable_string (b, "content", e->content);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Reads a feed from a web address or a file, without storing anything. */
static TpFeedDocument *
load_feed (const char  *source,
           GError     **error)
{
  if (tp_fetcher_is_web_url (source))
    {
      g_autoptr(TpFetchResult) result = NULL;

      result = tp_fetcher_fetch_sync (tp_fetcher_get_default (), source, NULL, NULL, NULL, error);
      if (result == NULL)
        return NULL;
      return tp_feed_parse_bytes (result->body, result->final_url, result->charset, error);
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (source, &contents, &len, error))
        return NULL;
      return tp_feed_parse ((const guint8 *) contents, len, NULL, NULL, error);
    }
}

static TpFeed *
find_feed (TpStore     *store,
           const char  *url_or_id,
           GError     **error)
{
  g_autoptr(GPtrArray) feeds = tp_store_list_feeds (store, error);
  char *end = NULL;
  gint64 id;

  if (feeds == NULL)
    return NULL;
  id = g_ascii_strtoll (url_or_id, &end, 10);
  for (guint i = 0; i < feeds->len; i++)
    {
      TpFeed *feed = g_ptr_array_index (feeds, i);

      if ((end != NULL && *end == '\0' && feed->id == id) || g_str_equal (feed->url, url_or_id))
        return tp_feed_copy (feed);
    }
  g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
               _("No subscription matches “%s”; see triptych-cli feeds list"), url_or_id);
  return NULL;
}

/* Fetch errors already name the address; other errors get it as context. */
static int
fail_for_source (const char *source,
                 GError     *error)
{
  return tp_cli_fail_error (error->domain == TP_FETCH_ERROR ? NULL : source, error);
}

/* Subcommands */

static int
feeds_parse (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) feed = NULL;
  const char *source = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--format"))
        {
          if (i + 1 >= argc || !g_str_equal (argv[i + 1], "json"))
            return tp_cli_fail ("%s", _("feeds parse supports --format json only"));
          i++;
        }
      else if (g_str_equal (argv[i], "--format=json"))
        ;
      else if (source == NULL)
        source = argv[i];
      else
        return tp_cli_fail (_("unexpected argument “%s”"), argv[i]);
    }
  if (source == NULL)
    return tp_cli_fail ("%s", _("usage: triptych-cli feeds parse --format json FILE|URL"));

  feed = load_feed (source, &error);
  if (feed == NULL)
    return fail_for_source (source, error);
  root = build_feed_json (feed);
  tp_cli_print_json (root);
  return 0;
}

static int
feeds_add (TpStore *store, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = NULL;
  g_autoptr(TpFeed) feed = NULL;
  const char *url = NULL;
  guint interval_min = 0;
  gboolean full_page = FALSE;
  gint64 id = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--interval") && i + 1 < argc)
        interval_min = (guint) strtoul (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--full-page"))
        full_page = TRUE;
      else if (url == NULL)
        url = argv[i];
      else
        return tp_cli_fail (_("unexpected argument “%s”"), argv[i]);
    }
  if (url == NULL)
    return tp_cli_fail ("%s", _("usage: triptych-cli feeds add URL [--interval MINUTES] "
                                "[--full-page]"));
  if (!tp_fetcher_is_web_url (url))
    return tp_cli_fail (_("“%s” is not a web address; feeds are added by their http:// or "
                          "https:// address"), url);

  /* Check it is a feed before subscribing, so a typo is caught now. */
  doc = load_feed (url, &error);
  if (doc == NULL)
    return fail_for_source (url, error);

  if (!tp_store_add_feed (store, url, doc->title, &id, &error))
    return tp_cli_fail_error (url, error);
  if (interval_min > 0 || full_page)
    {
      feed = tp_store_get_feed (store, id, &error);
      if (feed == NULL)
        return tp_cli_fail_error (url, error);
      feed->refresh_interval = interval_min * 60;
      feed->fetch_full_page = full_page;
      if (!tp_store_update_feed (store, feed, &error))
        return tp_cli_fail_error (url, error);
    }
  printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", id, url, doc->title != NULL ? doc->title : "");
  return 0;
}

static int
feeds_list (TpStore *store, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = tp_store_list_feeds (store, &error);
  gboolean json = argc > 2 && g_str_equal (argv[1], "--format") && g_str_equal (argv[2], "json");

  if (feeds == NULL)
    return tp_cli_fail_error (NULL, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < feeds->len; i++)
        {
          TpFeed *f = g_ptr_array_index (feeds, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, f->id);
          add_nullable_string (b, "url", f->url);
          add_nullable_string (b, "title", f->title);
          json_builder_set_member_name (b, "interval");
          json_builder_add_int_value (b, f->refresh_interval > 0 ? f->refresh_interval
                                                                 : TP_FEED_DEFAULT_INTERVAL_S);
          json_builder_set_member_name (b, "full_page");
          json_builder_add_boolean_value (b, f->fetch_full_page);
          add_nullable_string (b, "last_checked", f->last_checked);
          add_nullable_string (b, "last_error", f->last_error);
          json_builder_set_member_name (b, "articles");
          json_builder_add_int_value (b, f->n_articles);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tp_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      TpFeed *f = g_ptr_array_index (feeds, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%u min\t%u articles\t%s\t%s\n", f->id, f->url,
              f->title != NULL ? f->title : "-",
              (f->refresh_interval > 0 ? f->refresh_interval : TP_FEED_DEFAULT_INTERVAL_S) / 60,
              f->n_articles, f->last_checked != NULL ? f->last_checked : _("never checked"),
              f->last_error != NULL ? f->last_error : "");
    }
  return 0;
}

static void
on_feed_updated_cb (TpFeedMonitor *monitor,
                    gint64         feed_id,
                    guint          n_new,
                    const char    *error,
                    gpointer       user_data)
{
  if (error != NULL)
    fprintf (stderr, "triptych-cli: feed %" G_GINT64_FORMAT ": %s\n", feed_id, error);
  else if (n_new > 0)
    printf (ngettext ("feed %lld: %u new article\n", "feed %lld: %u new articles\n", n_new),
            (long long) feed_id, n_new);
}

static int
feeds_refresh (const char *db_path, TpStore *store, int argc, char **argv)
{
  g_autoptr(TpFeedMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  TpFeedRefreshStats stats = { 0 };
  gint64 feed_id = 0;

  if (argc > 1)
    {
      g_autoptr(TpFeed) feed = find_feed (store, argv[1], &error);
      if (feed == NULL)
        return tp_cli_fail_error (NULL, error);
      feed_id = feed->id;
    }

  monitor = tp_feed_monitor_new (db_path, NULL);
  g_signal_connect (monitor, "feed-updated", G_CALLBACK (on_feed_updated_cb), NULL);
  if (!tp_feed_monitor_refresh_sync (monitor, feed_id, NULL, &stats, &error))
    return tp_cli_fail_error (NULL, error);

  printf (_("%u feeds checked (%u unchanged, %u failed), %u new articles, %u duplicates skipped\n"),
          stats.feeds_checked, stats.feeds_not_modified, stats.feeds_failed, stats.new_articles,
          stats.duplicates);
  return stats.feeds_checked > 0 && stats.feeds_failed == stats.feeds_checked ? 1 : 0;
}

static int
feeds_remove (TpStore *store, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) feed = NULL;

  if (argc < 2)
    return tp_cli_fail ("%s", _("usage: triptych-cli feeds remove URL|ID"));
  feed = find_feed (store, argv[1], &error);
  if (feed == NULL)
    return tp_cli_fail_error (NULL, error);
  if (!tp_store_remove_feed (store, feed->id, &error))
    return tp_cli_fail_error (feed->url, error);
  printf (_("removed %s\n"), feed->url);
  return 0;
}

static int
feeds_import_opml (TpStore *store, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint skipped = 0, added = 0, existing = 0;

  if (argc < 2)
    return tp_cli_fail ("%s", _("usage: triptych-cli feeds import-opml FILE"));
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    return tp_cli_fail_error (NULL, error);
  outlines = tp_opml_parse ((const guint8 *) contents, len, &skipped, &error);
  if (outlines == NULL)
    return tp_cli_fail_error (argv[1], error);

  for (guint i = 0; i < outlines->len; i++)
    {
      TpOpmlOutline *o = g_ptr_array_index (outlines, i);
      g_autoptr(GError) add_error = NULL;

      if (tp_store_add_feed (store, o->url, o->title, NULL, &add_error))
        added++;
      else if (g_error_matches (add_error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
        existing++;
      else
        return tp_cli_fail_error (o->url, add_error);
    }
  printf (_("%u feeds added, %u already subscribed, %u skipped (not http or https)\n"),
          added, existing, skipped);
  return 0;
}

static int
feeds_export_opml (TpStore *store, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autofree char *text = NULL;

  if (argc < 2)
    return tp_cli_fail ("%s", _("usage: triptych-cli feeds export-opml FILE "
                                "(- for standard output)"));
  feeds = tp_store_list_feeds (store, &error);
  if (feeds == NULL)
    return tp_cli_fail_error (NULL, error);

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_opml_outline_free);
  for (guint i = 0; i < feeds->len; i++)
    {
      TpFeed *f = g_ptr_array_index (feeds, i);
      g_ptr_array_add (outlines, tp_opml_outline_new (f->url, f->title, NULL));
    }
  text = tp_opml_write (outlines, _("Triptych subscriptions"));
  if (g_str_equal (argv[1], "-"))
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents (argv[1], text, -1, &error))
    return tp_cli_fail_error (NULL, error);
  printf (_("%u feeds written to %s\n"), outlines->len, argv[1]);
  return 0;
}

/* Public API */

int
tp_cli_feeds (int         argc,
              char      **argv,
              const char *db_path)
{
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *sub;

  if (argc < 2)
    return tp_cli_fail ("%s", _("usage: triptych-cli feeds add URL | list | refresh [ID] | "
                                "remove URL|ID | import-opml FILE | export-opml FILE | "
                                "parse --format json FILE|URL"));
  sub = argv[1];

  /* Parsing touches no library. */
  if (g_str_equal (sub, "parse"))
    return feeds_parse (argc - 1, argv + 1);

  if (!g_str_equal (sub, "add") && !g_str_equal (sub, "list") && !g_str_equal (sub, "refresh") &&
      !g_str_equal (sub, "remove") && !g_str_equal (sub, "import-opml") &&
      !g_str_equal (sub, "export-opml"))
    return tp_cli_fail (_("unknown feeds command “%s”"), sub);

  {
    g_autofree char *dir = g_path_get_dirname (db_path);
    g_mkdir_with_parents (dir, 0700);
  }
  store = tp_store_open (db_path, &error);
  if (store == NULL)
    return tp_cli_fail_error (db_path, error);

  if (g_str_equal (sub, "add"))
    return feeds_add (store, argc - 1, argv + 1);
  if (g_str_equal (sub, "list"))
    return feeds_list (store, argc - 1, argv + 1);
  if (g_str_equal (sub, "remove"))
    return feeds_remove (store, argc - 1, argv + 1);
  if (g_str_equal (sub, "import-opml"))
    return feeds_import_opml (store, argc - 1, argv + 1);
  if (g_str_equal (sub, "export-opml"))
    return feeds_export_opml (store, argc - 1, argv + 1);
  return feeds_refresh (db_path, store, argc - 1, argv + 1);
}
