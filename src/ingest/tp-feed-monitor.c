/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-feed-monitor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-extractor.h"
#include "tp-feed-monitor.h"
#include "tp-feed-parser.h"
#include "tp-store-feeds-extra.h"
#include "tp-store.h"

/* How the work is split:
 * - the main context schedules feeds and runs the HTTP requests
 *   asynchronously (at most TP_FETCH_MAX_CONNS_PER_HOST per host and
 *   TP_FETCH_MAX_CONNS in all), so it never waits on the network;
 * - one worker thread owns the monitor's store connection and does the
 *   rest in order: parsing, fetching items' own pages, storing articles
 *   and the feed's state. Results come back to the main context, where the
 *   signals are emitted. */

#define MAX_BACKOFF_SHIFT 10

struct _TpFeedMonitor
{
  GObject            parent_instance;

  char              *db_path;
  TpFetcher         *fetcher;
  guint              default_interval_s;

  TpFeedAnalyzeFunc  analyze;
  gpointer           analyze_data;
  GDestroyNotify     analyze_destroy;

  GThreadPool       *worker;
  TpStore           *store;          /* used by the worker thread only */
  TpExtractor       *extractor;      /* idem; the library's lexicon */

  GCancellable      *cancellable;
  guint              tick_id;
  guint              check_every_s;

  GQueue             pending;        /* FeedJob waiting for a connection */
  GHashTable        *active_hosts;   /* host → number of requests under way */
  guint              active_total;
  GHashTable        *busy_feeds;     /* feed id → TRUE while being refreshed */
};

G_DEFINE_TYPE (TpFeedMonitor, tp_feed_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_FETCHER,
  PROP_DEFAULT_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FEED_UPDATED,
  NEW_ARTICLES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  JOB_LOAD_FEEDS,
  JOB_PROCESS_FEED,
  JOB_SUBSCRIBE,
} JobKind;

/* One refresh request (of one feed or all), completed when all its feeds
 * are done. */
typedef struct
{
  GTask              *task;
  GCancellable       *caller_cancellable;
  gulong              cancel_id;
  guint               outstanding;
  TpFeedRefreshStats  stats;
  gboolean            due_only;      /* scheduled tick: skip feeds not yet due */
} Refresh;

typedef struct
{
  JobKind         kind;
  Refresh        *refresh;
  gint64          feed_id;           /* JOB_LOAD_FEEDS: 0 for all */
  TpFeed         *feed;
  char           *host;
  TpFetchResult  *result;
  GError         *fetch_error;
  /* filled by the worker */
  GPtrArray      *feeds;             /* JOB_LOAD_FEEDS result (TpFeed) */
  GPtrArray      *articles;          /* new articles stored */
  guint           duplicates;
  guint           items_failed;
  gboolean        not_modified;
  gboolean        failed;            /* counts for the back-off */
  gboolean        cancelled;
  char           *error_message;     /* the feed's error after this refresh */
  GError         *job_error;         /* the store itself failed */
} FeedJob;

/* Auxiliary methods */

static void
feed_job_free (FeedJob *job)
{
  g_clear_pointer (&job->feed, tp_feed_free);
  g_clear_pointer (&job->result, tp_fetch_result_unref);
  g_clear_error (&job->fetch_error);
  g_clear_pointer (&job->feeds, g_ptr_array_unref);
  g_clear_pointer (&job->articles, g_ptr_array_unref);
  g_clear_error (&job->job_error);
  g_free (job->error_message);
  g_free (job->host);
  g_free (job);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("");
  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
feed_is_due (TpFeedMonitor *self,
             const TpFeed  *feed)
{
  g_autoptr(GDateTime) checked = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint interval;

  if (feed->last_checked == NULL)
    return TRUE;
  checked = g_date_time_new_from_iso8601 (feed->last_checked, NULL);
  if (checked == NULL)
    return TRUE;
  interval = feed->refresh_interval > 0 ? feed->refresh_interval : self->default_interval_s;
  now = g_date_time_new_now_utc ();
  return g_date_time_difference (now, checked) / G_TIME_SPAN_SECOND >=
         tp_feed_monitor_backoff_delay (interval, feed->error_count);
}

static char *
language_code (const char *language)
{
  if (language == NULL || strlen (language) < 2 || !g_ascii_isalpha (language[0]) ||
      !g_ascii_isalpha (language[1]))
    return NULL;
  return g_ascii_strdown (language, 2);
}

/* After a stop, requests need a cancellable that is not cancelled. */
static void
renew_cancellable (TpFeedMonitor *self)
{
  if (!g_cancellable_is_cancelled (self->cancellable))
    return;
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Worker thread */

static TpArticle *
article_from_entry (TpFeedDocument *doc,
                    TpFeedEntry    *entry,
                    const char     *feed_url)
{
  g_autoptr(TpArticle) article = NULL;
  const char *text = entry->content != NULL ? entry->content : entry->summary;

  if (text == NULL)
    return NULL;
  article = tp_article_new ();
  article->origin = TP_ORIGIN_FEED;
  article->url = g_strdup (entry->link);
  article->title = g_strdup (entry->title);
  article->author = g_strdup (entry->author);
  article->published = g_strdup (entry->published != NULL ? entry->published : entry->updated);
  article->language = language_code (doc->language);
  if (doc->title != NULL)
    article->outlet = g_strdup (doc->title);
  else
    article->outlet = host_of (entry->link != NULL ? entry->link : feed_url);
  tp_article_set_body (article, text);
  return g_steal_pointer (&article);
}

/* Completes what the page left out with what the feed said about it. */
static void
merge_entry_into_article (TpArticle      *article,
                          TpFeedDocument *doc,
                          TpFeedEntry    *entry)
{
  article->origin = TP_ORIGIN_FEED;
  if (article->title == NULL)
    article->title = g_strdup (entry->title);
  if (article->author == NULL)
    article->author = g_strdup (entry->author);
  if (article->published == NULL)
    article->published = g_strdup (entry->published != NULL ? entry->published : entry->updated);
  if (article->language == NULL)
    article->language = language_code (doc->language);
  if (article->outlet == NULL && doc->title != NULL)
    article->outlet = g_strdup (doc->title);
}

static gboolean
ensure_store (TpFeedMonitor  *self,
              GError        **error)
{
  g_autoptr(TpLexicon) lexicon = NULL;

  if (self->store != NULL)
    return TRUE;
  self->store = tp_store_open (self->db_path, error);
  if (self->store == NULL)
    return FALSE;
  if (self->analyze != NULL)
    return TRUE;
  /* Articles from feeds are analysed like imported ones, with the
   * library's own lexicon (the journalist's edits included). */
  lexicon = tp_store_load_lexicon (self->store, error);
  if (lexicon == NULL)
    {
      g_clear_object (&self->store);
      return FALSE;
    }
  self->extractor = tp_extractor_new (lexicon);
  return TRUE;
}

/* One address written two ways (scheme or host case, default port, empty
 * path) is one feed. */
static char *
normalize_address (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE,
                                     NULL);
  g_autoptr(GUri) normal = NULL;
  g_autofree char *host = NULL;
  const char *path;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  path = g_uri_get_path (uri);
  /* GLib writes out no URI with a host and a relative path. */
  if (path[0] != '\0' && path[0] != '/')
    return g_strdup (url);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  normal = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                        host, g_uri_get_port (uri), path, g_uri_get_query (uri),
                        g_uri_get_fragment (uri));
  return g_uri_to_string (normal);
}

/* The feed at @feed's address answered with a permanent redirect: the
 * subscription follows it, so later refreshes skip the detour and keep
 * working when the old address goes away. When the new address is already
 * another subscription, following would make two subscriptions to one
 * feed: the old address stays, and the journalist can remove one. */
static void
follow_move (TpFeedMonitor *self,
             TpFeed        *feed,
             const char    *moved_to)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = normalize_address (moved_to);
  gint64 other_id = 0;

  feeds = tp_store_list_feeds (self->store, &error);
  if (feeds == NULL)
    {
      g_warning ("Could not check the new address of feed %s: %s", feed->url, error->message);
      return;
    }
  for (guint i = 0; i < feeds->len && other_id == 0; i++)
    {
      TpFeed *other = g_ptr_array_index (feeds, i);
      g_autofree char *address = NULL;

      if (other->id == feed->id)
        continue;
      address = normalize_address (other->url);
      if (g_str_equal (address, wanted))
        other_id = other->id;
    }

  if (other_id == 0 && tp_store_set_feed_url (self->store, feed->id, moved_to, &other_id, &error))
    {
      g_message ("Feed %" G_GINT64_FORMAT " moved permanently from %s to %s; its subscription "
                 "now uses the new address", feed->id, feed->url, moved_to);
      g_free (feed->url);
      feed->url = g_strdup (moved_to);
      return;
    }
  if (other_id != 0 || g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
    g_message ("Feed %" G_GINT64_FORMAT " moved permanently from %s to %s, which is already "
               "subscribed as feed %" G_GINT64_FORMAT "; keeping the old address",
               feed->id, feed->url, moved_to, other_id);
  else
    g_warning ("Could not save the new address of feed %s: %s", feed->url, error->message);
}

static void
store_feed_state (TpFeedMonitor *self,
                  FeedJob       *job,
                  const char    *title)
{
  g_autoptr(TpFeed) feed = tp_feed_copy (job->feed);
  g_autoptr(GError) error = NULL;

  g_free (feed->last_checked);
  feed->last_checked = now_iso ();
  g_free (feed->last_error);
  feed->last_error = g_strdup (job->error_message);
  feed->error_count = job->failed ? MIN (feed->error_count + 1, 1000) : 0;
  if (!job->failed && job->result != NULL)
    {
      /* Validators are only kept from a feed that was read successfully,
       * so a broken answer is fetched again in full. A 304 may omit them. */
      if (job->result->etag != NULL || !job->result->not_modified)
        {
          g_free (feed->etag);
          feed->etag = g_strdup (job->result->etag);
        }
      if (job->result->last_modified != NULL || !job->result->not_modified)
        {
          g_free (feed->last_modified);
          feed->last_modified = g_strdup (job->result->last_modified);
        }
    }
  if (title != NULL && feed->title == NULL)
    feed->title = g_strdup (title);
  /* Only a move to a feed that was read: a feed retired with a redirect to
   * the site's home page is a broken feed, not a new address. */
  if (!job->failed && job->result != NULL && job->result->moved_to != NULL
      && !g_str_equal (job->result->moved_to, feed->url))
    follow_move (self, feed, job->result->moved_to);

  if (!tp_store_update_feed (self->store, feed, &error))
    {
      g_warning ("Could not save the state of feed %s: %s", feed->url, error->message);
      return;
    }
  tp_feed_free (job->feed);
  job->feed = g_steal_pointer (&feed);
}

static void
import_entries (TpFeedMonitor  *self,
                FeedJob        *job,
                TpFeedDocument *doc)
{
  g_autofree char *page_error = NULL;

  /* Oldest first, so the library's import order follows publication. */
  for (guint n = doc->entries->len; n > 0; n--)
    {
      TpFeedEntry *entry = g_ptr_array_index (doc->entries, n - 1);
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GError) error = NULL;
      gint64 article_id = 0;

      if (g_cancellable_is_cancelled (self->cancellable))
        break;

      if (entry->link != NULL)
        {
          gboolean found = FALSE;

          if (!tp_store_has_article_url (self->store, entry->link, &found, &error))
            {
              job->failed = TRUE;
              job->error_message = g_strdup (error->message);
              return;
            }
          if (found)
            {
              job->duplicates++;
              continue;
            }
        }

      /* The page is only worth a request when the feed carries a summary
       * and not the text itself. */
      if (job->feed->fetch_full_page && entry->content == NULL && entry->link != NULL &&
          tp_fetcher_is_web_url (entry->link))
        {
          article = tp_fetcher_fetch_article_sync (self->fetcher, entry->link, self->cancellable,
                                                   &error);
          if (article == NULL)
            {
              /* Nothing partial: the item is left for the next refresh. */
              job->items_failed++;
              if (page_error == NULL)
                page_error = g_strdup (error->message);
              continue;
            }
          merge_entry_into_article (article, doc, entry);
        }
      else
        article = article_from_entry (doc, entry, job->feed->url);

      if (article == NULL)
        continue;
      if (self->analyze != NULL)
        statements = self->analyze (article, self->analyze_data);
      else
        statements = tp_extractor_run (self->extractor, article);

      if (!tp_store_add_article (self->store, article, statements, &article_id, &error))
        {
          if (g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
            job->duplicates++;
          else
            {
              job->items_failed++;
              if (page_error == NULL)
                page_error = g_strdup (error->message);
            }
          continue;
        }
      g_clear_error (&error);
      if (!tp_store_set_article_feed (self->store, article_id, job->feed->id, &error))
        g_warning ("Could not link article %" G_GINT64_FORMAT " to its feed: %s",
                   article_id, error->message);
      g_ptr_array_add (job->articles, g_steal_pointer (&article));
    }

  if (page_error != NULL)
    job->error_message = g_strdup_printf (_("%u items could not be imported: %s"),
                                          job->items_failed, page_error);
}

static void
process_feed (TpFeedMonitor *self,
              FeedJob       *job)
{
  g_autoptr(TpFeedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  job->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_article_unref);

  /* A cancelled refresh leaves the feed as it was: it did not fail. */
  if (g_error_matches (job->fetch_error, TP_FETCH_ERROR, TP_FETCH_ERROR_CANCELLED))
    {
      job->cancelled = TRUE;
      return;
    }

  if (job->fetch_error != NULL)
    {
      job->failed = TRUE;
      job->error_message = g_strdup (job->fetch_error->message);
      store_feed_state (self, job, NULL);
      return;
    }

  if (job->result->not_modified)
    {
      job->not_modified = TRUE;
      store_feed_state (self, job, NULL);
      return;
    }

  doc = tp_feed_parse_bytes (job->result->body, job->result->final_url, job->result->charset,
                             &error);
  if (doc == NULL)
    {
      job->failed = TRUE;
      job->error_message = g_strdup (error->message);
      store_feed_state (self, job, NULL);
      return;
    }

  import_entries (self, job, doc);
  store_feed_state (self, job, doc->title);
}

/* Checks that a fetched document is a feed before adding it, so a typo or
 * a web page is caught when the journalist subscribes. */
static void
subscribe_feed (TpFeedMonitor *self,
                FeedJob       *job)
{
  g_autoptr(TpFeedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;
  gint64 id = 0;

  /* An address that has moved for good is subscribed at its new one, as a
   * refresh would move it anyway; subscribing again to a feed already
   * there under its new address is then caught as the duplicate it is. */
  url = job->result->moved_to != NULL ? job->result->moved_to : job->result->url;
  doc = tp_feed_parse_bytes (job->result->body, job->result->final_url, job->result->charset,
                             &error);
  if (doc == NULL || !tp_store_add_feed (self->store, url, doc->title, &id, &error))
    {
      job->job_error = g_steal_pointer (&error);
      return;
    }
  job->feed = tp_store_get_feed (self->store, id, &error);
  if (job->feed == NULL)
    job->job_error = g_steal_pointer (&error);
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  TpFeedMonitor *self = user_data;
  FeedJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ensure_store (self, &error))
    {
      job->job_error = g_steal_pointer (&error);
    }
  else if (job->kind == JOB_LOAD_FEEDS)
    {
      job->feeds = tp_store_list_feeds (self->store, &error);
      if (job->feeds == NULL)
        job->job_error = g_steal_pointer (&error);
      else if (job->feed_id != 0)
        {
          for (guint i = job->feeds->len; i > 0; i--)
            if (((TpFeed *) g_ptr_array_index (job->feeds, i - 1))->id != job->feed_id)
              g_ptr_array_remove_index (job->feeds, i - 1);
        }
    }
  else if (job->kind == JOB_SUBSCRIBE)
    subscribe_feed (self, job);
  else
    process_feed (self, job);

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
run_on_worker (TpFeedMonitor      *self,
               FeedJob            *job,
               GAsyncReadyCallback callback)
{
  GTask *task = g_task_new (self, NULL, callback, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) feed_job_free);
  g_thread_pool_push (self->worker, task, NULL);
}

/* Main context */

static void start_pending (TpFeedMonitor *self);

static void
refresh_unref_one (Refresh *refresh)
{
  g_assert (refresh->outstanding > 0);

  if (--refresh->outstanding > 0)
    return;
  if (refresh->caller_cancellable != NULL)
    g_cancellable_disconnect (refresh->caller_cancellable, refresh->cancel_id);
  g_clear_object (&refresh->caller_cancellable);
  g_task_return_pointer (refresh->task, g_memdup2 (&refresh->stats, sizeof refresh->stats), g_free);
  g_clear_object (&refresh->task);
  g_free (refresh);
}

static void
on_feed_processed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (source);
  FeedJob *job = g_task_get_task_data (G_TASK (result));
  Refresh *refresh = job->refresh;
  TpFeedRefreshStats *stats = &refresh->stats;

  g_hash_table_remove (self->busy_feeds, &job->feed->id);
  if (job->cancelled)
    {
      refresh_unref_one (refresh);
      return;
    }

  stats->feeds_checked++;
  if (job->not_modified)
    stats->feeds_not_modified++;
  if (job->failed)
    stats->feeds_failed++;
  stats->duplicates += job->duplicates;
  stats->items_failed += job->items_failed;
  if (job->articles != NULL)
    stats->new_articles += job->articles->len;

  if (job->articles != NULL && job->articles->len > 0)
    g_signal_emit (self, signals[NEW_ARTICLES], 0, job->feed->id, job->articles);
  g_signal_emit (self, signals[FEED_UPDATED], 0, job->feed->id,
                 job->articles != NULL ? job->articles->len : 0, job->error_message);

  refresh_unref_one (refresh);
}

static void
release_host (TpFeedMonitor *self,
              const char    *host)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->active_hosts, host));

  if (n <= 1)
    g_hash_table_remove (self->active_hosts, host);
  else
    g_hash_table_insert (self->active_hosts, g_strdup (host), GUINT_TO_POINTER (n - 1));
  self->active_total--;
}

typedef struct
{
  TpFeedMonitor *self;
  FeedJob       *job;
} FetchCall;

static void
on_fetch_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FetchCall *call = user_data;
  TpFeedMonitor *self = call->self;
  FeedJob *job = call->job;

  job->result = tp_fetcher_fetch_finish (TP_FETCHER (source), result, &job->fetch_error);
  release_host (self, job->host);
  run_on_worker (self, job, on_feed_processed_cb);
  start_pending (self);
  g_object_unref (call->self);
  g_free (call);
}

static gboolean
host_has_room (TpFeedMonitor *self,
               const char    *host)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->active_hosts, host));

  return n < TP_FETCH_MAX_CONNS_PER_HOST;
}

static void
start_pending (TpFeedMonitor *self)
{
  GList *link = self->pending.head;

  while (link != NULL && self->active_total < TP_FETCH_MAX_CONNS)
    {
      GList *next = link->next;
      FeedJob *job = link->data;

      if (host_has_room (self, job->host))
        {
          FetchCall *call = g_new0 (FetchCall, 1);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->active_hosts, job->host));
          gboolean have_copy = job->feed->error_count == 0;

          g_queue_delete_link (&self->pending, link);
          g_hash_table_insert (self->active_hosts, g_strdup (job->host), GUINT_TO_POINTER (n + 1));
          self->active_total++;
          call->self = g_object_ref (self);
          call->job = job;
          tp_fetcher_fetch_async (self->fetcher, job->feed->url,
                                  have_copy ? job->feed->etag : NULL,
                                  have_copy ? job->feed->last_modified : NULL,
                                  self->cancellable, on_fetch_done_cb, call);
        }
      link = next;
    }
}

static void
on_feeds_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (source);
  FeedJob *load = g_task_get_task_data (G_TASK (result));
  Refresh *refresh = load->refresh;

  if (load->job_error != NULL)
    {
      if (refresh->caller_cancellable != NULL)
        g_cancellable_disconnect (refresh->caller_cancellable, refresh->cancel_id);
      g_clear_object (&refresh->caller_cancellable);
      g_task_return_error (refresh->task, g_steal_pointer (&load->job_error));
      g_clear_object (&refresh->task);
      g_free (refresh);
      return;
    }

  for (guint i = 0; i < load->feeds->len; i++)
    {
      TpFeed *feed = g_ptr_array_index (load->feeds, i);
      FeedJob *job;

      if (g_hash_table_contains (self->busy_feeds, &feed->id))
        continue;
      if (refresh->due_only && !feed_is_due (self, feed))
        continue;

      job = g_new0 (FeedJob, 1);
      job->kind = JOB_PROCESS_FEED;
      job->refresh = refresh;
      job->feed = tp_feed_copy (feed);
      job->host = host_of (feed->url);
      g_hash_table_add (self->busy_feeds, g_memdup2 (&feed->id, sizeof feed->id));
      refresh->outstanding++;
      g_queue_push_tail (&self->pending, job);
    }
  start_pending (self);
  /* The load itself held one reference so that an empty list completes. */
  refresh_unref_one (refresh);
}

static void
on_refresh_cancelled_cb (GCancellable *cancellable,
                         gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
begin_refresh (TpFeedMonitor      *self,
               gint64              feed_id,
               gboolean            due_only,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  Refresh *refresh = g_new0 (Refresh, 1);
  FeedJob *load = g_new0 (FeedJob, 1);

  refresh->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (refresh->task, tp_feed_monitor_refresh_async);
  refresh->outstanding = 1;
  refresh->due_only = due_only;
  if (cancellable != NULL)
    {
      /* The caller's cancellable stops the requests under way. */
      refresh->caller_cancellable = g_object_ref (cancellable);
      refresh->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_refresh_cancelled_cb),
                                                  g_object_ref (self->cancellable), g_object_unref);
    }

  load->kind = JOB_LOAD_FEEDS;
  load->refresh = refresh;
  load->feed_id = feed_id;
  run_on_worker (self, load, on_feeds_loaded_cb);
}

static void
on_tick_refresh_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tp_feed_monitor_refresh_finish (TP_FEED_MONITOR (source), result, NULL, &error))
    g_warning ("Scheduled feed refresh failed: %s", error->message);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  TpFeedMonitor *self = user_data;

  begin_refresh (self, 0, TRUE, NULL, on_tick_refresh_done_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static void
on_subscribed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FeedJob *job = g_task_get_task_data (G_TASK (result));

  if (job->job_error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->job_error));
  else
    g_task_return_pointer (task, tp_feed_copy (job->feed), (GDestroyNotify) tp_feed_free);
}

static void
on_subscribe_fetched_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  TpFeedMonitor *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) fetched = NULL;
  FeedJob *job;
  GTask *worker_task;

  fetched = tp_fetcher_fetch_finish (TP_FETCHER (source), result, &error);
  if (fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  job = g_new0 (FeedJob, 1);
  job->kind = JOB_SUBSCRIBE;
  job->result = g_steal_pointer (&fetched);
  worker_task = g_task_new (self, NULL, on_subscribed_cb, task);
  g_task_set_task_data (worker_task, job, (GDestroyNotify) feed_job_free);
  g_thread_pool_push (self->worker, worker_task, NULL);
}

/* GObject overrides */

static void
tp_feed_monitor_dispose (GObject *object)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->worker != NULL)
    {
      /* Jobs keep the monitor alive, so none is left by now. */
      g_thread_pool_free (self->worker, FALSE, TRUE);
      self->worker = NULL;
    }
  g_clear_object (&self->extractor);
  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (tp_feed_monitor_parent_class)->dispose (object);
}

static void
tp_feed_monitor_finalize (GObject *object)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (object);

  if (self->analyze_destroy != NULL)
    self->analyze_destroy (self->analyze_data);
  g_queue_clear_full (&self->pending, (GDestroyNotify) feed_job_free);
  g_clear_pointer (&self->active_hosts, g_hash_table_unref);
  g_clear_pointer (&self->busy_feeds, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_free (self->db_path);

  G_OBJECT_CLASS (tp_feed_monitor_parent_class)->finalize (object);
}

static void
tp_feed_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_FETCHER:
      g_value_set_object (value, self->fetcher);
      break;
    case PROP_DEFAULT_INTERVAL:
      g_value_set_uint (value, self->default_interval_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_feed_monitor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_FETCHER:
      self->fetcher = g_value_dup_object (value);
      break;
    case PROP_DEFAULT_INTERVAL:
      tp_feed_monitor_set_default_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_feed_monitor_constructed (GObject *object)
{
  TpFeedMonitor *self = TP_FEED_MONITOR (object);

  G_OBJECT_CLASS (tp_feed_monitor_parent_class)->constructed (object);

  if (self->fetcher == NULL)
    self->fetcher = g_object_ref (tp_fetcher_get_default ());
  /* One exclusive thread: the store connection it opens is only ever used
   * from that thread. */
  self->worker = g_thread_pool_new (worker_run, self, 1, TRUE, NULL);
}

static void
tp_feed_monitor_class_init (TpFeedMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tp_feed_monitor_dispose;
  object_class->finalize = tp_feed_monitor_finalize;
  object_class->get_property = tp_feed_monitor_get_property;
  object_class->set_property = tp_feed_monitor_set_property;
  object_class->constructed = tp_feed_monitor_constructed;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCHER] =
    g_param_spec_object ("fetcher", NULL, NULL, TP_TYPE_FETCHER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_INTERVAL] =
    g_param_spec_uint ("default-interval", NULL, NULL, 1, G_MAXUINT, TP_FEED_DEFAULT_INTERVAL_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TpFeedMonitor::feed-updated:
   * @self: the monitor
   * @feed_id: the feed refreshed
   * @n_new: articles stored from it
   * @error: (nullable): the feed's error, or %NULL after a success
   *
   * Emitted on the main context after each feed's refresh.
   */
  signals[FEED_UPDATED] =
    g_signal_new ("feed-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * TpFeedMonitor::new-articles:
   * @self: the monitor
   * @feed_id: the feed they came from
   * @articles: (element-type TpArticle): the stored articles, ids set
   *
   * Emitted on the main context when a refresh stored new articles.
   */
  signals[NEW_ARTICLES] =
    g_signal_new ("new-articles", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_PTR_ARRAY);
}

static void
tp_feed_monitor_init (TpFeedMonitor *self)
{
  self->default_interval_s = TP_FEED_DEFAULT_INTERVAL_S;
  self->cancellable = g_cancellable_new ();
  self->active_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->busy_feeds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->pending);
}

/* Public API */

/**
 * tp_feed_monitor_new:
 * @db_path: the library file
 * @fetcher: (nullable): the fetcher to use; %NULL for the shared one
 *
 * Returns: (transfer full): a monitor, not yet running
 */
TpFeedMonitor *
tp_feed_monitor_new (const char *db_path,
                     TpFetcher  *fetcher)
{
  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (fetcher == NULL || TP_IS_FETCHER (fetcher), NULL);

  return g_object_new (TP_TYPE_FEED_MONITOR, "db-path", db_path, "fetcher", fetcher, NULL);
}

const char *
tp_feed_monitor_get_db_path (TpFeedMonitor *self)
{
  g_return_val_if_fail (TP_IS_FEED_MONITOR (self), NULL);
  return self->db_path;
}

void
tp_feed_monitor_set_default_interval (TpFeedMonitor *self,
                                      guint          seconds)
{
  g_return_if_fail (TP_IS_FEED_MONITOR (self));
  g_return_if_fail (seconds > 0);

  if (self->default_interval_s == seconds)
    return;
  self->default_interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_INTERVAL]);
}

guint
tp_feed_monitor_get_default_interval (TpFeedMonitor *self)
{
  g_return_val_if_fail (TP_IS_FEED_MONITOR (self), 0);
  return self->default_interval_s;
}

/**
 * tp_feed_monitor_set_analyzer:
 * @self: a monitor
 * @func: (nullable): finds the statements of each new article
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Set before the first refresh; @func runs on the worker thread. Without
 * one, the monitor runs the statement extractor with the library's lexicon.
 */
void
tp_feed_monitor_set_analyzer (TpFeedMonitor     *self,
                              TpFeedAnalyzeFunc  func,
                              gpointer           user_data,
                              GDestroyNotify     destroy)
{
  g_return_if_fail (TP_IS_FEED_MONITOR (self));

  if (self->analyze_destroy != NULL)
    self->analyze_destroy (self->analyze_data);
  self->analyze = func;
  self->analyze_data = user_data;
  self->analyze_destroy = destroy;
}

/**
 * tp_feed_monitor_start:
 * @self: a monitor
 * @check_every_s: how often to look for feeds that are due, in seconds
 *
 * Refreshes every feed that is due now, then keeps doing so: a feed is due
 * when its interval (its own, or the default) has passed since it was last
 * checked, stretched by the back-off after errors.
 */
void
tp_feed_monitor_start (TpFeedMonitor *self,
                       guint          check_every_s)
{
  g_return_if_fail (TP_IS_FEED_MONITOR (self));
  g_return_if_fail (check_every_s > 0);

  if (self->tick_id != 0)
    return;
  renew_cancellable (self);
  self->check_every_s = check_every_s;
  self->tick_id = g_timeout_add_seconds (check_every_s, on_tick_cb, self);
  on_tick_cb (self);
}

/**
 * tp_feed_monitor_stop:
 * @self: a monitor
 *
 * Stops scheduling refreshes and cancels the requests under way.
 */
void
tp_feed_monitor_stop (TpFeedMonitor *self)
{
  g_return_if_fail (TP_IS_FEED_MONITOR (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
}

gboolean
tp_feed_monitor_is_running (TpFeedMonitor *self)
{
  g_return_val_if_fail (TP_IS_FEED_MONITOR (self), FALSE);
  return self->tick_id != 0;
}

/**
 * tp_feed_monitor_refresh_async:
 * @self: a monitor
 * @feed_id: the feed to refresh, or 0 for every feed
 * @cancellable: (nullable): cancels this refresh and the monitor's other
 *   requests under way (as tp_feed_monitor_stop() does)
 * @callback: called on the main context when every feed is done
 * @user_data: data for @callback
 *
 * Refreshes now, whether or not the feeds are due.
 */
void
tp_feed_monitor_refresh_async (TpFeedMonitor      *self,
                               gint64              feed_id,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (TP_IS_FEED_MONITOR (self));

  if (self->tick_id == 0)
    renew_cancellable (self);
  begin_refresh (self, feed_id, FALSE, cancellable, callback, user_data);
}

/**
 * tp_feed_monitor_refresh_finish:
 * @self: a monitor
 * @result: the result
 * @out_stats: (out) (optional): what the refresh did
 * @error: return location for an error
 *
 * A failing feed is not an error of the refresh: it is counted in
 * @out_stats and kept as that feed's last error. The refresh fails only
 * when the library cannot be read.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_feed_monitor_refresh_finish (TpFeedMonitor       *self,
                                GAsyncResult        *result,
                                TpFeedRefreshStats  *out_stats,
                                GError             **error)
{
  g_autofree TpFeedRefreshStats *stats = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  stats = g_task_propagate_pointer (G_TASK (result), error);
  if (stats == NULL)
    return FALSE;
  if (out_stats != NULL)
    *out_stats = *stats;
  return TRUE;
}

static void
on_sync_refresh_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * tp_feed_monitor_refresh_sync:
 *
 * Blocking form of tp_feed_monitor_refresh_async() for the command line:
 * iterates the thread-default main context until the refresh is done.
 * Call it from the thread that created the monitor.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_feed_monitor_refresh_sync (TpFeedMonitor       *self,
                              gint64               feed_id,
                              GCancellable        *cancellable,
                              TpFeedRefreshStats  *out_stats,
                              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (TP_IS_FEED_MONITOR (self), FALSE);

  tp_feed_monitor_refresh_async (self, feed_id, cancellable, on_sync_refresh_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);
  return tp_feed_monitor_refresh_finish (self, result, out_stats, error);
}

/**
 * tp_feed_monitor_subscribe_async:
 * @self: a monitor
 * @url: the feed's address
 * @cancellable: (nullable): a cancellable
 * @callback: called on the main context with the new subscription
 * @user_data: data for @callback
 *
 * Fetches @url, checks that it is a feed and adds it to the library, the
 * way `triptych-cli feeds add` does, without blocking the main context.
 * It fails with %TP_STORE_ERROR_DUPLICATE when already subscribed.
 */
void
tp_feed_monitor_subscribe_async (TpFeedMonitor      *self,
                                 const char         *url,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (TP_IS_FEED_MONITOR (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tp_feed_monitor_subscribe_async);
  tp_fetcher_fetch_async (self->fetcher, url, NULL, NULL, cancellable, on_subscribe_fetched_cb, task);
}

/**
 * tp_feed_monitor_subscribe_finish:
 * @self: a monitor
 * @result: the result
 * @error: return location for an error (%TP_FETCH_ERROR, %TP_FEED_ERROR
 *   or %TP_STORE_ERROR)
 *
 * Returns: (transfer full): the new subscription, or %NULL with @error set
 */
TpFeed *
tp_feed_monitor_subscribe_finish (TpFeedMonitor  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tp_feed_monitor_backoff_delay:
 * @interval_s: the feed's refresh interval
 * @error_count: its consecutive failures
 *
 * Returns: seconds to wait before the next attempt: the interval, doubled
 *   for each consecutive failure, at most %TP_FEED_MAX_BACKOFF_S (but never
 *   less than the interval itself)
 */
guint
tp_feed_monitor_backoff_delay (guint interval_s,
                               guint error_count)
{
  guint64 delay = interval_s;

  delay <<= MIN (error_count, MAX_BACKOFF_SHIFT);
  if (delay > TP_FEED_MAX_BACKOFF_S)
    delay = MAX (TP_FEED_MAX_BACKOFF_S, interval_s);
  return (guint) delay;
}
