/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-feeds-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-feeds-page.h"
#include "tp-opml.h"
#include "tp-web-import.h"

/* The Feeds page: the library's subscriptions with what each refresh
 * brought and how it failed, plus the ways in from the web (a feed, an
 * OPML file, one article's address). Every store access goes through the
 * window's TpLibraryWorker; refreshes go through the application's
 * TpFeedMonitor, which emits its signals on the main context. */

/* Refresh intervals offered per feed, in seconds; 0 is the default. */
static const guint intervals[] = { 0, 10 * 60, 30 * 60, 60 * 60, 3 * 3600, 6 * 3600,
                                   12 * 3600, 24 * 3600 };

/* How often the application's monitor looks for feeds that are due. */
#define CHECK_EVERY_S 60

/* TpFeedsPageItem */

struct _TpFeedsPageItem
{
  GObject   parent_instance;

  TpFeed   *feed;
  guint     n_new;
  gboolean  refreshing;
};

G_DEFINE_FINAL_TYPE (TpFeedsPageItem, tp_feeds_page_item, G_TYPE_OBJECT)

enum {
  ITEM_CHANGED,
  N_ITEM_SIGNALS
};

static guint item_signals[N_ITEM_SIGNALS];

static void
tp_feeds_page_item_finalize (GObject *object)
{
  TpFeedsPageItem *self = TP_FEEDS_PAGE_ITEM (object);

  g_clear_pointer (&self->feed, tp_feed_free);

  G_OBJECT_CLASS (tp_feeds_page_item_parent_class)->finalize (object);
}

static void
tp_feeds_page_item_class_init (TpFeedsPageItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tp_feeds_page_item_finalize;

  item_signals[ITEM_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tp_feeds_page_item_init (TpFeedsPageItem *self)
{
}

static TpFeedsPageItem *
tp_feeds_page_item_new (const TpFeed *feed)
{
  TpFeedsPageItem *self = g_object_new (TP_TYPE_FEEDS_PAGE_ITEM, NULL);

  self->feed = tp_feed_copy (feed);
  return self;
}

/* What a row shows of a feed. */
static gboolean
feeds_look_alike (const TpFeed *a,
                  const TpFeed *b)
{
  return a->id == b->id && g_strcmp0 (a->url, b->url) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->last_checked, b->last_checked) == 0 &&
         g_strcmp0 (a->last_error, b->last_error) == 0 && a->error_count == b->error_count &&
         a->n_articles == b->n_articles && a->refresh_interval == b->refresh_interval &&
         a->fetch_full_page == b->fetch_full_page;
}

static void
item_set_feed (TpFeedsPageItem *self,
               const TpFeed    *feed)
{
  /* Reloads come often while feeds refresh; most rows have not changed. */
  if (feeds_look_alike (self->feed, feed))
    return;
  tp_feed_free (self->feed);
  self->feed = tp_feed_copy (feed);
  g_signal_emit (self, item_signals[ITEM_CHANGED], 0);
}

static void
item_set_state (TpFeedsPageItem *self,
                guint            n_new,
                gboolean         refreshing)
{
  if (self->n_new == n_new && self->refreshing == refreshing)
    return;
  self->n_new = n_new;
  self->refreshing = refreshing;
  g_signal_emit (self, item_signals[ITEM_CHANGED], 0);
}

const TpFeed *
tp_feeds_page_item_get_feed (TpFeedsPageItem *self)
{
  g_return_val_if_fail (TP_IS_FEEDS_PAGE_ITEM (self), NULL);
  return self->feed;
}

guint
tp_feeds_page_item_get_n_new (TpFeedsPageItem *self)
{
  g_return_val_if_fail (TP_IS_FEEDS_PAGE_ITEM (self), 0);
  return self->n_new;
}

gboolean
tp_feeds_page_item_get_refreshing (TpFeedsPageItem *self)
{
  g_return_val_if_fail (TP_IS_FEEDS_PAGE_ITEM (self), FALSE);
  return self->refreshing;
}

/* TpFeedsPage */

struct _TpFeedsPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *content_stack;
  GtkLabel             *summary_label;
  GtkListBox           *feed_list;

  TpLibraryWorker      *worker;
  TpFeedMonitor        *monitor;
  gulong                feed_updated_id;
  gulong                new_articles_id;
  GListStore           *feeds;
  GHashTable           *n_new;          /* feed id → new articles not yet seen */
  GHashTable           *refreshing;     /* feed id → TRUE while refreshed */
  GCancellable         *cancellable;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  AdwToast             *import_toast;   /* "Importing the page…" */
  guint                 imports_running;
  guint                 reload_id;
  gboolean              start_monitor;  /* the application's: schedule checks */

  /* A removal waiting for its Undo toast to go away. */
  AdwToast             *remove_toast;
  TpFeedsPageItem      *pending_remove;
  guint                 pending_remove_position;
};

enum {
  PROP_0,
  PROP_N_UNSEEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ARTICLES_ADDED,
  ARTICLE_ACTIVATED,
  WATCHED_STATEMENTS,
  OPML_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TpFeedsPage, tp_feeds_page, GTK_TYPE_WIDGET)

/* A call to the worker: the page, and the job's data, which the worker's
 * task owns and keeps alive until the callback has returned. */
typedef struct
{
  TpFeedsPage     *self;
  TpLibraryWorker *worker;
  gpointer         data;
} Call;

static Call *
call_new (TpFeedsPage *self,
          gpointer     data)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->worker = g_object_ref (self->worker);
  call->data = data;
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->worker);
  g_free (call);
}

/* Whether a worker's answer still concerns what the page shows. */
static gboolean
call_is_current (Call *call)
{
  return !g_cancellable_is_cancelled (call->self->cancellable) &&
         call->worker == call->self->worker;
}

/* Auxiliary methods */

/* A toast's title is Pango markup: titles of feeds and articles, addresses
 * and error messages must not be read as such. */
static AdwToast *
new_toast (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static void
add_toast (TpFeedsPage *self,
           AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

static void
add_toast_text (TpFeedsPage *self,
                const char  *text)
{
  add_toast (self, new_toast (text));
}

static GtkWindow *
get_parent_window (TpFeedsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static guint
feed_interval (TpFeedsPage  *self,
               const TpFeed *feed)
{
  if (feed->refresh_interval > 0)
    return feed->refresh_interval;
  if (self->monitor != NULL)
    return tp_feed_monitor_get_default_interval (self->monitor);
  return TP_FEED_DEFAULT_INTERVAL_S;
}

static char *
describe_interval (guint seconds)
{
  if (seconds % (24 * 3600) == 0)
    return g_strdup_printf (ngettext ("every day", "every %u days", seconds / (24 * 3600)),
                            seconds / (24 * 3600));
  if (seconds % 3600 == 0)
    return g_strdup_printf (ngettext ("every hour", "every %u hours", seconds / 3600),
                            seconds / 3600);
  return g_strdup_printf (ngettext ("every minute", "every %u minutes", MAX (seconds / 60, 1)),
                          MAX (seconds / 60, 1));
}

/* "today at 04:12", or "5 Jul at 04:12" for another day, in local time. */
static char *
describe_moment (GDateTime *utc)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (local, "%H:%M");

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: when a feed was refreshed, today; %s is the time ("04:12") */
    return g_strdup_printf (_("today at %s"), time);
  {
    /* Translators: a day in a feed's status line, see g_date_time_format() */
    g_autofree char *day = g_date_time_format (local, _("%-d %b"));

    /* Translators: when a feed was refreshed; "5 Jul at 04:12" */
    return g_strdup_printf (_("%s at %s"), day, time);
  }
}

static char *
describe_status (TpFeedsPage  *self,
                 const TpFeed *feed)
{
  g_autoptr(GDateTime) checked = NULL;
  g_autofree char *when = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *refreshed = NULL;

  if (feed->last_checked != NULL)
    checked = g_date_time_new_from_iso8601 (feed->last_checked, NULL);
  if (checked != NULL)
    {
      when = describe_moment (checked);
      /* Translators: %s is "today at 04:12" or "5 Jul at 04:12" */
      refreshed = g_strdup_printf (_("Refreshed %s"), when);
    }
  else
    refreshed = g_strdup (_("Not refreshed yet"));

  articles = g_strdup_printf (ngettext ("%u article", "%u articles", feed->n_articles),
                              feed->n_articles);
  interval = describe_interval (feed_interval (self, feed));
  /* Translators: a feed's status line: "Refreshed today at 04:12 · 12 articles ·
   * every 30 minutes" */
  return g_strdup_printf (_("%s · %s · %s"), refreshed, articles, interval);
}

/* How the monitor backs off a failing feed, in the journalist's words. */
static char *
describe_backoff (TpFeedsPage  *self,
                  const TpFeed *feed)
{
  g_autoptr(GDateTime) checked = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *when = NULL;
  guint delay;

  if (feed->error_count == 0)
    return NULL;
  delay = tp_feed_monitor_backoff_delay (feed_interval (self, feed), feed->error_count);
  if (feed->last_checked != NULL)
    checked = g_date_time_new_from_iso8601 (feed->last_checked, NULL);
  if (checked == NULL)
    return g_strdup_printf (ngettext ("Failed %u time in a row",
                                      "Failed %u times in a row", feed->error_count),
                            feed->error_count);
  next = g_date_time_add_seconds (checked, delay);
  when = describe_moment (next);
  /* Translators: the back-off of a failing feed; the second %s is "today at 06:30" */
  return g_strdup_printf (ngettext ("Failed %u time in a row · next try %s",
                                    "Failed %u times in a row · next try %s",
                                    feed->error_count),
                          feed->error_count, when);
}

static guint
lookup_count (GHashTable *table,
              gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
}

static void
set_count (GHashTable *table,
           gint64      id,
           guint       n)
{
  if (n == 0)
    g_hash_table_remove (table, &id);
  else
    g_hash_table_insert (table, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n));
}

static TpFeedsPageItem *
find_item (TpFeedsPage *self,
           gint64       feed_id,
           guint       *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TpFeedsPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      if (item->feed->id == feed_id)
        {
          if (out_position != NULL)
            *out_position = i;
          return item;
        }
    }
  return NULL;
}

static void
sync_items (TpFeedsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  g_autofree char *summary = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TpFeedsPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      item_set_state (item, lookup_count (self->n_new, item->feed->id),
                      g_hash_table_contains (self->refreshing, &item->feed->id));
    }

  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "feeds" : "empty");
  summary = g_strdup_printf (ngettext ("%u feed", "%u feeds", n), n);
  gtk_label_set_label (self->summary_label, summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSEEN]);
}

/* The store's list replaces the model's, item by item, so rows keep their
 * widgets (and an open popover) when only their feed changed. */
static void
apply_feeds (TpFeedsPage *self,
             GPtrArray   *feeds)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  gboolean same = n == feeds->len;

  for (guint i = 0; i < feeds->len; i++)
    {
      const TpFeed *feed = g_ptr_array_index (feeds, i);

      /* A feed waiting for its Undo toast stays out of the list. */
      if (self->pending_remove != NULL && self->pending_remove->feed->id == feed->id)
        {
          same = FALSE;
          continue;
        }
      if (same)
        {
          g_autoptr(TpFeedsPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

          if (item->feed->id != feed->id)
            same = FALSE;
        }
      g_ptr_array_add (items, tp_feeds_page_item_new (feed));
    }

  if (same)
    {
      for (guint i = 0; i < feeds->len; i++)
        {
          g_autoptr(TpFeedsPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);
          item_set_feed (item, g_ptr_array_index (feeds, i));
        }
    }
  else
    g_list_store_splice (self->feeds, 0, n, items->pdata, items->len);
  sync_items (self);
}

/* Worker jobs: each runs on a worker thread with that thread's store. */

typedef struct
{
  GPtrArray *feeds;
} ListJob;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_clear_pointer (&job->feeds, g_ptr_array_unref);
  g_free (job);
}

static gboolean
list_feeds_job (TpStore  *store,
                gpointer  data,
                GError  **error)
{
  ListJob *job = data;

  job->feeds = tp_store_list_feeds (store, error);
  return job->feeds != NULL;
}

typedef struct
{
  gint64   feed_id;
  gboolean set_interval;
  guint    interval;
  gboolean set_full_page;
  gboolean full_page;
} UpdateJob;

static gboolean
update_feed_job (TpStore  *store,
                 gpointer  data,
                 GError  **error)
{
  UpdateJob *job = data;
  g_autoptr(TpFeed) feed = tp_store_get_feed (store, job->feed_id, error);

  if (feed == NULL)
    return FALSE;
  if (job->set_interval)
    feed->refresh_interval = job->interval;
  if (job->set_full_page)
    feed->fetch_full_page = job->full_page;
  return tp_store_update_feed (store, feed, error);
}

static gboolean
remove_feed_job (TpStore  *store,
                 gpointer  data,
                 GError  **error)
{
  return tp_store_remove_feed (store, *(gint64 *) data, error);
}

typedef struct
{
  GPtrArray *outlines;
  guint      added;
  guint      duplicates;
} OpmlJob;

static void
opml_job_free (gpointer data)
{
  OpmlJob *job = data;

  g_clear_pointer (&job->outlines, g_ptr_array_unref);
  g_free (job);
}

static gboolean
add_outlines_job (TpStore  *store,
                  gpointer  data,
                  GError  **error)
{
  OpmlJob *job = data;

  for (guint i = 0; i < job->outlines->len; i++)
    {
      TpOpmlOutline *outline = g_ptr_array_index (job->outlines, i);
      g_autoptr(GError) local_error = NULL;
      gint64 id = 0;

      if (tp_store_add_feed (store, outline->url, outline->title, &id, &local_error))
        job->added++;
      else if (g_error_matches (local_error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
        job->duplicates++;
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* New statements by the people on the watch list, per person. */
typedef struct
{
  char   *name;
  guint   n_statements;
  gint64  article_id;     /* the newest article they spoke in */
  gint64  statement_id;
} WatchHit;

static void
watch_hit_free (WatchHit *hit)
{
  g_free (hit->name);
  g_free (hit);
}

typedef struct
{
  GArray     *article_ids;
  GStrv       watched;
  GHashTable *hits;       /* actor key → WatchHit */
} WatchJob;

static void
watch_job_free (gpointer data)
{
  WatchJob *job = data;

  g_clear_pointer (&job->article_ids, g_array_unref);
  g_clear_pointer (&job->watched, g_strfreev);
  g_clear_pointer (&job->hits, g_hash_table_unref);
  g_free (job);
}

static gboolean
find_watched_statements_job (TpStore  *store,
                             gpointer  data,
                             GError  **error)
{
  WatchJob *job = data;

  for (guint i = 0; i < job->article_ids->len; i++)
    {
      TpStatementFilter filter = { 0 };
      g_autoptr(GPtrArray) statements = NULL;

      filter.article_id = g_array_index (job->article_ids, gint64, i);
      statements = tp_store_list_statements (store, &filter, 0, 0, error);
      if (statements == NULL)
        return FALSE;
      for (guint s = 0; s < statements->len; s++)
        {
          TpStatement *st = g_ptr_array_index (statements, s);
          WatchHit *hit;

          if (st->actor_key == NULL || st->review == TP_REVIEW_REJECTED ||
              !g_strv_contains ((const char * const *) job->watched, st->actor_key))
            continue;
          hit = g_hash_table_lookup (job->hits, st->actor_key);
          if (hit == NULL)
            {
              hit = g_new0 (WatchHit, 1);
              hit->name = g_strdup (st->actor != NULL ? st->actor : st->actor_key);
              g_hash_table_insert (job->hits, g_strdup (st->actor_key), hit);
            }
          hit->n_statements++;
          hit->article_id = st->article_id;
          hit->statement_id = st->id;
        }
    }
  return TRUE;
}

/* Loading */

static void
on_feeds_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Call *call = user_data;
  ListJob *job = call->data;
  g_autoptr(GError) error = NULL;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    {
      if (call_is_current (call))
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot list the feeds: %s"), error->message);
          add_toast_text (call->self, msg);
        }
    }
  else if (call_is_current (call))
    {
      apply_feeds (call->self, job->feeds);
      /* The library is open and up to date by now: the scheduled checks can
       * start without racing the first connection that creates it. */
      if (call->self->start_monitor && !tp_feed_monitor_is_running (call->self->monitor))
        tp_feed_monitor_start (call->self->monitor, CHECK_EVERY_S);
    }
  call_free (call);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TpFeedsPage *self = user_data;

  self->reload_id = 0;
  tp_feeds_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* Several feeds finish one after another: one reload serves them all. */
static void
queue_reload (TpFeedsPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (150, reload_idle_cb, self);
}

static void
run_job (TpFeedsPage         *self,
         TpStoreJob           job,
         gpointer             data,
         GDestroyNotify       data_free,
         GAsyncReadyCallback  callback)
{
  tp_library_worker_run_async (self->worker, job, data, data_free, self->cancellable, callback,
                               call_new (self, data));
}

static void
on_job_done_reload_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error) &&
      call_is_current (call))
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot change the feed: %s"), error->message);
      add_toast_text (call->self, msg);
    }
  if (call_is_current (call))
    tp_feeds_page_reload (call->self);
  call_free (call);
}

/* Notifications */

static void
on_watched_statements_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Call *call = user_data;
  WatchJob *job = call->data;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  GHashTableIter iter;
  gpointer key, value;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot look for statements on the watch list: %s", error->message);
      call_free (call);
      return;
    }

  g_hash_table_iter_init (&iter, job->hits);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      WatchHit *hit = value;
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *id = g_strconcat ("watched-", (const char *) key, NULL);

      /* Translators: a notification: "Dmitry Peskov: 2 new statements" */
      title = g_strdup_printf (ngettext ("%s: %u new statement", "%s: %u new statements",
                                         hit->n_statements),
                               hit->name, hit->n_statements);
      g_signal_emit (call->self, signals[WATCHED_STATEMENTS], 0, (const char *) key, hit->name,
                     hit->n_statements, hit->article_id);
      notification = g_notification_new (title);
      g_notification_set_body (notification,
                               _("From the feeds you follow. Open the notification to read "
                                 "the article."));
      g_notification_set_default_action_and_target (notification, "app.open-article", "x",
                                                    hit->article_id);
      /* Widget tests run without a registered application. */
      if (app != NULL && g_application_get_is_registered (app))
        g_application_send_notification (app, id, notification);
    }
  call_free (call);
}

static void
notify_watched_statements (TpFeedsPage *self,
                           GPtrArray   *articles)
{
  WatchJob *job;
  g_auto(GStrv) watched = NULL;

  if (self->settings == NULL)
    return;
  watched = g_settings_get_strv (self->settings, "watched-actors");
  if (watched == NULL || watched[0] == NULL)
    return;

  job = g_new0 (WatchJob, 1);
  job->watched = g_steal_pointer (&watched);
  job->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) watch_hit_free);
  job->article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < articles->len; i++)
    {
      TpArticle *article = g_ptr_array_index (articles, i);

      if (article->id > 0)
        g_array_append_val (job->article_ids, article->id);
    }
  run_job (self, find_watched_statements_job, job, watch_job_free, on_watched_statements_cb);
}

/* Monitor callbacks */

static void
on_monitor_feed_updated_cb (TpFeedMonitor *monitor,
                            gint64         feed_id,
                            guint          n_new,
                            const char    *error,
                            TpFeedsPage   *self)
{
  g_hash_table_remove (self->refreshing, &feed_id);
  set_count (self->n_new, feed_id, lookup_count (self->n_new, feed_id) + n_new);
  sync_items (self);
  queue_reload (self);
}

static void
on_monitor_new_articles_cb (TpFeedMonitor *monitor,
                            gint64         feed_id,
                            GPtrArray     *articles,
                            TpFeedsPage   *self)
{
  g_signal_emit (self, signals[ARTICLES_ADDED], 0);
  if (self->worker != NULL && articles != NULL && articles->len > 0)
    notify_watched_statements (self, articles);
}

typedef struct
{
  TpFeedsPage *self;
  GArray      *feed_ids;
  gboolean     manual;
} RefreshCall;

static void
on_refresh_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RefreshCall *call = user_data;
  TpFeedsPage *self = call->self;
  TpFeedRefreshStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = tp_feed_monitor_refresh_finish (TP_FEED_MONITOR (source), result, &stats, &error);
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      for (guint i = 0; i < call->feed_ids->len; i++)
        g_hash_table_remove (self->refreshing, &g_array_index (call->feed_ids, gint64, i));
      sync_items (self);
      if (!ok)
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot refresh the feeds: %s"),
                                                  error->message);
          add_toast_text (self, msg);
        }
      else if (call->manual && call->feed_ids->len > 1)
        {
          g_autofree char *msg = NULL;

          if (stats.feeds_failed > 0)
            /* Translators: after refreshing every feed; both are numbers */
            msg = g_strdup_printf (ngettext ("%u new article · %u feeds failed",
                                             "%u new articles · %u feeds failed",
                                             stats.new_articles),
                                   stats.new_articles, stats.feeds_failed);
          else
            msg = g_strdup_printf (ngettext ("%u new article", "%u new articles",
                                             stats.new_articles),
                                   stats.new_articles);
          add_toast_text (self, msg);
        }
      tp_feeds_page_reload (self);
    }
  g_array_unref (call->feed_ids);
  g_object_unref (call->self);
  g_free (call);
}

static void
start_refresh (TpFeedsPage *self,
               gint64       feed_id,
               gboolean     manual)
{
  RefreshCall *call;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));

  if (self->monitor == NULL)
    return;

  call = g_new0 (RefreshCall, 1);
  call->self = g_object_ref (self);
  call->manual = manual;
  call->feed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TpFeedsPageItem) item = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      if (feed_id == 0 || item->feed->id == feed_id)
        {
          g_array_append_val (call->feed_ids, item->feed->id);
          g_hash_table_add (self->refreshing, g_memdup2 (&item->feed->id, sizeof (gint64)));
        }
    }
  sync_items (self);
  tp_feed_monitor_refresh_async (self->monitor, feed_id, self->cancellable, on_refresh_done_cb,
                                 call);
}

/* Rows */

typedef struct
{
  TpFeedsPage     *page;
  TpFeedsPageItem *item;
  GtkLabel        *title;
  GtkLabel        *url;
  GtkLabel        *status;
  GtkWidget       *error_box;
  GtkLabel        *error;
  GtkLabel        *backoff;
  GtkLabel        *new_badge;
  GtkWidget       *refresh_button;
  GtkSpinner      *spinner;
  AdwComboRow     *interval_row;
  GtkSwitch       *full_page_switch;
  gboolean         syncing;
} FeedRow;

static guint
interval_position (guint seconds)
{
  guint best = 0;
  guint best_distance = G_MAXUINT;

  if (seconds == 0)
    return 0;
  for (guint i = 1; i < G_N_ELEMENTS (intervals); i++)
    {
      guint distance = intervals[i] > seconds ? intervals[i] - seconds : seconds - intervals[i];

      if (distance < best_distance)
        {
          best = i;
          best_distance = distance;
        }
    }
  return best;
}

static void
update_row (FeedRow *row)
{
  const TpFeed *feed = row->item->feed;
  g_autofree char *status = describe_status (row->page, feed);
  g_autofree char *backoff = describe_backoff (row->page, feed);
  gboolean has_error = feed->last_error != NULL && *feed->last_error != '\0';

  row->syncing = TRUE;
  gtk_label_set_label (row->title, feed->title != NULL && *feed->title != '\0' ? feed->title
                                                                               : feed->url);
  gtk_label_set_label (row->url, feed->url);
  gtk_label_set_label (row->status, status);

  gtk_widget_set_visible (row->error_box, has_error);
  gtk_label_set_label (row->error, has_error ? feed->last_error : "");
  gtk_widget_set_visible (GTK_WIDGET (row->backoff), has_error && backoff != NULL);
  gtk_label_set_label (row->backoff, backoff != NULL ? backoff : "");

  gtk_widget_set_visible (GTK_WIDGET (row->new_badge), row->item->n_new > 0);
  if (row->item->n_new > 0)
    {
      /* Translators: articles a feed brought since the journalist last looked */
      g_autofree char *badge = g_strdup_printf (ngettext ("%u new", "%u new", row->item->n_new),
                                                row->item->n_new);
      gtk_label_set_label (row->new_badge, badge);
    }

  gtk_widget_set_visible (GTK_WIDGET (row->spinner), row->item->refreshing);
  gtk_spinner_set_spinning (row->spinner, row->item->refreshing);
  gtk_widget_set_visible (row->refresh_button, !row->item->refreshing);

  adw_combo_row_set_selected (row->interval_row, interval_position (feed->refresh_interval));
  gtk_switch_set_active (row->full_page_switch, feed->fetch_full_page);
  row->syncing = FALSE;
}

static void
on_item_changed_cb (TpFeedsPageItem *item,
                    GtkWidget       *list_row)
{
  update_row (g_object_get_data (G_OBJECT (list_row), "tp-feed-row"));
}

static void
feed_row_free (FeedRow *row)
{
  g_object_unref (row->item);
  g_free (row);
}

static void
on_row_refresh_clicked_cb (GtkButton *button,
                           FeedRow   *row)
{
  start_refresh (row->page, row->item->feed->id, TRUE);
}

static void
on_row_interval_selected_cb (AdwComboRow *combo,
                             GParamSpec  *pspec,
                             FeedRow     *row)
{
  UpdateJob *job;
  guint selected = adw_combo_row_get_selected (combo);

  if (row->syncing || selected >= G_N_ELEMENTS (intervals) ||
      intervals[selected] == row->item->feed->refresh_interval)
    return;
  job = g_new0 (UpdateJob, 1);
  job->feed_id = row->item->feed->id;
  job->set_interval = TRUE;
  job->interval = intervals[selected];
  run_job (row->page, update_feed_job, job, g_free, on_job_done_reload_cb);
}

static void
on_row_full_page_active_cb (GtkSwitch  *sw,
                            GParamSpec *pspec,
                            FeedRow    *row)
{
  UpdateJob *job;

  if (row->syncing || gtk_switch_get_active (sw) == row->item->feed->fetch_full_page)
    return;
  job = g_new0 (UpdateJob, 1);
  job->feed_id = row->item->feed->id;
  job->set_full_page = TRUE;
  job->full_page = gtk_switch_get_active (sw);
  run_job (row->page, update_feed_job, job, g_free, on_job_done_reload_cb);
}

static void remove_feed (TpFeedsPage     *self,
                         TpFeedsPageItem *item);

static void
on_row_remove_clicked_cb (GtkButton *button,
                          FeedRow   *row)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  remove_feed (row->page, row->item);
}

static GtkLabel *
make_label (const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_class, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  return GTK_LABEL (label);
}

static GtkWidget *
make_settings_popover (FeedRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *full_row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Feed"));
  GtkWidget *popover = gtk_popover_new ();
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  const TpFeed no_interval = { 0 };

  gtk_widget_set_size_request (box, 400, -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      g_autofree char *label = NULL;

      if (intervals[i] == 0)
        {
          g_autofree char *every = describe_interval (feed_interval (row->page, &no_interval));
          /* Translators: the default refresh interval, "Default (every 30 minutes)" */
          label = g_strdup_printf (_("Default (%s)"), every);
        }
      else
        label = describe_interval (intervals[i]);
      gtk_string_list_append (choices, label);
    }
  row->interval_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->interval_row), _("_Refresh"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row->interval_row), TRUE);
  adw_combo_row_set_model (row->interval_row, G_LIST_MODEL (choices));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row->interval_row));

  row->full_page_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->full_page_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (full_row), _("_Fetch Full Pages"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (full_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (full_row), _("Read each item’s web page when "
                                                             "the feed only carries a summary"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (full_row), GTK_WIDGET (row->full_page_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (full_row),
                                         GTK_WIDGET (row->full_page_switch));
  gtk_list_box_append (GTK_LIST_BOX (list), full_row);

  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_row_remove_clicked_cb), row);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  g_signal_connect (row->interval_row, "notify::selected",
                    G_CALLBACK (on_row_interval_selected_cb), row);
  g_signal_connect (row->full_page_switch, "notify::active",
                    G_CALLBACK (on_row_full_page_active_cb), row);
  return popover;
}

static GtkWidget *
create_feed_row (gpointer item,
                 gpointer user_data)
{
  TpFeedsPage *self = user_data;
  FeedRow *row = g_new0 (FeedRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *error_text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *menu_button = gtk_menu_button_new ();

  row->page = self;
  row->item = g_object_ref (item);

  row->title = make_label ("heading", FALSE);
  row->url = make_label ("caption dim-label", FALSE);
  gtk_label_set_ellipsize (row->url, PANGO_ELLIPSIZE_MIDDLE);
  row->status = make_label ("caption feed-status", TRUE);
  row->error = make_label ("caption error feed-error", TRUE);
  row->backoff = make_label ("caption dim-label", TRUE);
  row->new_badge = make_label ("feed-new-badge", FALSE);
  gtk_widget_set_valign (GTK_WIDGET (row->new_badge), GTK_ALIGN_CENTER);

  row->error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (error_icon, "error");
  gtk_widget_set_valign (error_icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (error_text), GTK_WIDGET (row->error));
  gtk_box_append (GTK_BOX (error_text), GTK_WIDGET (row->backoff));
  gtk_box_append (GTK_BOX (row->error_box), error_icon);
  gtk_box_append (GTK_BOX (row->error_box), error_text);
  gtk_widget_set_margin_top (row->error_box, 3);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->url));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->status));
  gtk_box_append (GTK_BOX (text), row->error_box);

  row->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (row->spinner), 34, 16);
  row->refresh_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (row->refresh_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->refresh_button, "flat");
  gtk_widget_set_tooltip_text (row->refresh_button, _("Refresh Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->refresh_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refresh Now"), -1);
  g_signal_connect (row->refresh_button, "clicked", G_CALLBACK (on_row_refresh_clicked_cb), row);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "emblem-system-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), make_settings_popover (row));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Feed Settings"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Feed Settings"), -1);

  gtk_box_append (GTK_BOX (hbox), text);
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (row->new_badge));
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (row->spinner));
  gtk_box_append (GTK_BOX (hbox), row->refresh_button);
  gtk_box_append (GTK_BOX (hbox), menu_button);
  gtk_widget_add_css_class (hbox, "feed-row");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), hbox);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  g_object_set_data_full (G_OBJECT (list_row), "tp-feed-row", row, (GDestroyNotify) feed_row_free);
  g_signal_connect_object (item, "changed", G_CALLBACK (on_item_changed_cb), list_row, 0);
  update_row (row);
  return list_row;
}

/* Removing with Undo */

static void
commit_pending_remove (TpFeedsPage *self)
{
  gint64 *id;

  if (self->pending_remove == NULL)
    return;
  id = g_new (gint64, 1);
  *id = self->pending_remove->feed->id;
  g_clear_object (&self->pending_remove);
  /* Not cancellable: a removal the journalist did not undo must happen. */
  tp_library_worker_run_async (self->worker, remove_feed_job, id, g_free, NULL,
                               on_job_done_reload_cb, call_new (self, id));
}

static void
on_remove_toast_dismissed_cb (AdwToast    *toast,
                              TpFeedsPage *self)
{
  if (self->remove_toast == toast)
    self->remove_toast = NULL;
  commit_pending_remove (self);
}

static void
on_remove_toast_undo_cb (AdwToast    *toast,
                         TpFeedsPage *self)
{
  guint n;

  if (self->pending_remove == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  g_list_store_insert (self->feeds, MIN (self->pending_remove_position, n), self->pending_remove);
  g_clear_object (&self->pending_remove);
  sync_items (self);
}

static void
remove_feed (TpFeedsPage     *self,
             TpFeedsPageItem *item)
{
  g_autofree char *message = NULL;
  g_autoptr(TpFeedsPageItem) keep = g_object_ref (item);
  guint position;

  /* Only one removal waits for Undo at a time; an earlier one is final. */
  if (self->remove_toast != NULL)
    {
      AdwToast *old = g_steal_pointer (&self->remove_toast);
      g_signal_handlers_disconnect_by_data (old, self);
      adw_toast_dismiss (old);
    }
  commit_pending_remove (self);

  if (find_item (self, item->feed->id, &position) == NULL)
    return;
  self->pending_remove = g_object_ref (item);
  self->pending_remove_position = position;
  g_list_store_remove (self->feeds, position);
  sync_items (self);

  /* Translators: the toast after removing a feed; %s is its title or address */
  message = g_strdup_printf (_("Feed “%s” removed"),
                             item->feed->title != NULL ? item->feed->title : item->feed->url);
  self->remove_toast = new_toast (message);
  adw_toast_set_button_label (self->remove_toast, _("_Undo"));
  adw_toast_set_priority (self->remove_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (self->remove_toast, "button-clicked",
                           G_CALLBACK (on_remove_toast_undo_cb), self, 0);
  g_signal_connect_object (self->remove_toast, "dismissed",
                           G_CALLBACK (on_remove_toast_dismissed_cb), self, 0);
  add_toast (self, self->remove_toast);
}

/* Subscribing */

static void
on_subscribed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TpFeedsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) feed = NULL;

  feed = tp_feed_monitor_subscribe_finish (TP_FEED_MONITOR (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable) || TP_FEED_MONITOR (source) != self->monitor)
    return;
  if (feed == NULL)
    {
      g_autofree char *msg = NULL;

      if (g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
        msg = g_strdup (_("You already follow this feed"));
      else
        msg = g_strdup_printf (_("Cannot subscribe: %s"), error->message);
      add_toast_text (self, msg);
      return;
    }

  if (find_item (self, feed->id, NULL) == NULL)
    {
      g_autoptr(TpFeedsPageItem) item = tp_feeds_page_item_new (feed);
      g_list_store_append (self->feeds, item);
    }
  sync_items (self);
  {
    /* Translators: %s is the feed's title or address */
    g_autofree char *msg = g_strdup_printf (_("Subscribed to “%s”"),
                                            feed->title != NULL ? feed->title : feed->url);
    add_toast_text (self, msg);
  }
  /* Its first items come in now rather than at the next scheduled check. */
  start_refresh (self, feed->id, FALSE);
}

static void
on_add_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TpFeedsPage      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tp-entry");

  if (g_strcmp0 (response, "add") == 0)
    tp_feeds_page_subscribe (self, gtk_editable_get_text (entry));
}

static void
on_import_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              TpFeedsPage      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tp-entry");

  if (g_strcmp0 (response, "import") == 0)
    tp_feeds_page_import_url (self, gtk_editable_get_text (entry));
}

static void
on_url_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  const char *response = g_object_get_data (G_OBJECT (dialog), "tp-response");
  const char *text = gtk_editable_get_text (entry);

  adw_message_dialog_set_response_enabled (dialog, response, tp_web_import_looks_like_url (text));
}

/* An "enter an address" dialog: AdwMessageDialog with an entry. */
static AdwMessageDialog *
make_url_dialog (TpFeedsPage *self,
                 const char  *heading,
                 const char  *body,
                 const char  *response,
                 const char  *response_label)
{
  GtkWidget *dialog = adw_message_dialog_new (get_parent_window (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  /* Enter answers with the default response, once the address looks right. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Address"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tp-entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "tp-response", g_strdup (response), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_url_entry_changed_cb), dialog);
  gtk_widget_grab_focus (entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Importing one article from the web */

static void
on_import_toast_open_cb (AdwToast    *toast,
                         TpFeedsPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "tp-article-id");

  g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, *id);
}

static void
on_web_import_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TpFeedsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *msg = NULL;
  const char *shown;
  gint64 id;

  id = tp_web_import_finish (TP_LIBRARY_WORKER (source), result, &title, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (--self->imports_running == 0 && self->import_toast != NULL)
    {
      adw_toast_dismiss (self->import_toast);
      g_clear_object (&self->import_toast);
    }
  shown = title != NULL && *title != '\0' ? title : _("Untitled article");
  if (id > 0)
    {
      AdwToast *toast;

      /* Translators: %s is the article's title */
      msg = g_strdup_printf (_("Imported “%s”"), shown);
      g_signal_emit (self, signals[ARTICLES_ADDED], 0);
      toast = new_toast (msg);
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "tp-article-id", g_memdup2 (&id, sizeof id),
                              g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_import_toast_open_cb),
                               self, 0);
      add_toast (self, toast);
      return;
    }
  else if (g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
    /* Translators: %s is the article's title */
    msg = g_strdup_printf (_("“%s” is already in the library"), shown);
  else
    msg = g_strdup_printf (_("Cannot import the page: %s"), error->message);
  add_toast_text (self, msg);
}

/* OPML */

static void
on_outlines_added_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Call *call = user_data;
  OpmlJob *job = call->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    msg = g_strdup_printf (_("Cannot import the subscriptions: %s"), error->message);
  else if (job->duplicates > 0)
    /* Translators: after importing an OPML file; both are numbers of feeds */
    msg = g_strdup_printf (ngettext ("Subscribed to %u feed · %u already followed",
                                     "Subscribed to %u feeds · %u already followed",
                                     job->added),
                           job->added, job->duplicates);
  else
    msg = g_strdup_printf (ngettext ("Subscribed to %u feed", "Subscribed to %u feeds",
                                     job->added),
                           job->added);
  if (call_is_current (call))
    {
      add_toast_text (call->self, msg);
      tp_feeds_page_reload (call->self);
      if (job->added > 0)
        start_refresh (call->self, 0, FALSE);
      g_signal_emit (call->self, signals[OPML_DONE], 0);
    }
  call_free (call);
}

static void
on_opml_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TpFeedsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  OpmlJob *job;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error) ||
      !(outlines = tp_opml_parse ((const guint8 *) contents, len, NULL, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot read the subscriptions: %s"),
                                                  error->message);
          add_toast_text (self, msg);
        }
      g_signal_emit (self, signals[OPML_DONE], 0);
      return;
    }
  if (self->worker == NULL)
    return;
  job = g_new0 (OpmlJob, 1);
  job->outlines = g_steal_pointer (&outlines);
  run_job (self, add_outlines_job, job, opml_job_free, on_outlines_added_cb);
}

static void
on_opml_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TpFeedsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot save the subscriptions: %s"),
                                                  error->message);
          add_toast_text (self, msg);
        }
      g_signal_emit (self, signals[OPML_DONE], 0);
      return;
    }
  add_toast_text (self, _("Subscriptions exported"));
  g_signal_emit (self, signals[OPML_DONE], 0);
}

static void
on_feeds_for_export_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Call *call = user_data;
  ListJob *job = call->data;
  GFile *file = g_object_get_data (G_OBJECT (call->self), "tp-export-file");
  g_autoptr(GError) error = NULL;

  if (!tp_library_worker_run_finish (TP_LIBRARY_WORKER (source), result, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot save the subscriptions: %s"),
                                              error->message);
      if (call_is_current (call))
        {
          add_toast_text (call->self, msg);
          g_signal_emit (call->self, signals[OPML_DONE], 0);
        }
    }
  else if (file != NULL && !g_cancellable_is_cancelled (call->self->cancellable))
    {
      g_autoptr(GPtrArray) outlines =
        g_ptr_array_new_with_free_func ((GDestroyNotify) tp_opml_outline_free);
      g_autoptr(GBytes) bytes = NULL;
      char *text;

      for (guint i = 0; i < job->feeds->len; i++)
        {
          const TpFeed *feed = g_ptr_array_index (job->feeds, i);
          g_ptr_array_add (outlines, tp_opml_outline_new (feed->url, feed->title, NULL));
        }
      text = tp_opml_write (outlines, _("Triptych subscriptions"));
      bytes = g_bytes_new_take (text, strlen (text));
      text = NULL;
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION,
                                           call->self->cancellable, on_opml_written_cb,
                                           g_object_ref (call->self));
    }
  call_free (call);
}

static void
on_opml_chooser_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             TpFeedsPage     *self)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                    GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (saving)
        tp_feeds_page_export_opml (self, file);
      else
        tp_feeds_page_import_opml (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
present_opml_chooser (TpFeedsPage *self,
                      gboolean     saving)
{
  g_autoptr(GtkFileFilter) opml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (saving ? _("Export Subscriptions")
                                                      : _("Import Subscriptions"),
                                               get_parent_window (self),
                                               saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               saving ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (opml, _("Subscription lists (OPML)"));
  gtk_file_filter_add_pattern (opml, "*.opml");
  gtk_file_filter_add_pattern (opml, "*.xml");
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), opml);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       "triptych-subscriptions.opml");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_opml_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Watch list */

static void
on_watch_check_toggled_cb (GtkCheckButton *check,
                           TpFeedsPage    *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "tp-actor");
  g_auto(GStrv) watched = g_settings_get_strv (self->settings, "watched-actors");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; watched[i] != NULL; i++)
    if (!g_str_equal (watched[i], key))
      g_strv_builder_add (builder, watched[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (builder, key);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "watched-actors", (const char * const *) updated);
}

static int
compare_actor_names (gconstpointer a,
                     gconstpointer b)
{
  const TpLexiconActor *x = *(TpLexiconActor **) a;
  const TpLexiconActor *y = *(TpLexiconActor **) b;

  return g_utf8_collate (x->name, y->name);
}

static void
on_watch_lexicon_loaded_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(TpFeedsPage) self = user_data;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_auto(GStrv) watched = NULL;
  GtkWidget *dialog, *scrolled, *list;

  lexicon = tp_library_worker_load_lexicon_finish (TP_LIBRARY_WORKER (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (lexicon == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot read the actors: %s"), error->message);
      add_toast_text (self, msg);
      return;
    }

  watched = g_settings_get_strv (self->settings, "watched-actors");
  {
    GPtrArray *all = tp_lexicon_get_actors (lexicon);

    /* Borrowed from the lexicon, only to sort them by name. */
    actors = g_ptr_array_sized_new (all->len);
    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (actors, g_ptr_array_index (all, i));
  }
  g_ptr_array_sort (actors, compare_actor_names);

  dialog = adw_message_dialog_new (get_parent_window (self), _("Watch List"),
                                   _("Get a notification when new statements by these people "
                                     "arrive from your feeds."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (actors, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), actor->name);
      if (actor->role != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), actor->role);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) watched, actor->key));
      g_object_set_data_full (G_OBJECT (check), "tp-actor", g_strdup (actor->key), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_watch_check_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tp_feeds_page_present_add_dialog (TP_FEEDS_PAGE (widget));
}

static void
refresh_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  start_refresh (TP_FEEDS_PAGE (widget), 0, TRUE);
}

static void
import_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  present_opml_chooser (TP_FEEDS_PAGE (widget), FALSE);
}

static void
export_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  present_opml_chooser (TP_FEEDS_PAGE (widget), TRUE);
}

static void
import_web_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tp_feeds_page_present_import_dialog (TP_FEEDS_PAGE (widget));
}

static void
watch_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TpFeedsPage *self = TP_FEEDS_PAGE (widget);

  if (self->worker == NULL || self->settings == NULL)
    return;
  tp_library_worker_load_lexicon_async (self->worker, self->cancellable,
                                        on_watch_lexicon_loaded_cb, g_object_ref (self));
}

/* GtkWidget overrides */

/* "New since last seen": once the journalist has looked at the page and
 * leaves it, the counts start again from zero. */
static void
tp_feeds_page_unmap (GtkWidget *widget)
{
  TpFeedsPage *self = TP_FEEDS_PAGE (widget);

  GTK_WIDGET_CLASS (tp_feeds_page_parent_class)->unmap (widget);
  if (g_hash_table_size (self->n_new) > 0)
    {
      g_hash_table_remove_all (self->n_new);
      sync_items (self);
    }
}

/* GObject overrides */

static void
disconnect_monitor (TpFeedsPage *self)
{
  if (self->monitor == NULL)
    return;
  g_clear_signal_handler (&self->feed_updated_id, self->monitor);
  g_clear_signal_handler (&self->new_articles_id, self->monitor);
  g_clear_object (&self->monitor);
}

static void
tp_feeds_page_dispose (GObject *object)
{
  TpFeedsPage *self = TP_FEEDS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->remove_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&self->remove_toast);
      g_signal_handlers_disconnect_by_data (toast, self);
    }
  if (self->worker != NULL)
    commit_pending_remove (self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  disconnect_monitor (self);
  g_clear_object (&self->worker);
  if (self->feeds != NULL)
    g_list_store_remove_all (self->feeds);

  gtk_widget_dispose_template (GTK_WIDGET (self), TP_TYPE_FEEDS_PAGE);

  G_OBJECT_CLASS (tp_feeds_page_parent_class)->dispose (object);
}

static void
tp_feeds_page_finalize (GObject *object)
{
  TpFeedsPage *self = TP_FEEDS_PAGE (object);

  g_clear_object (&self->feeds);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending_remove);
  g_clear_object (&self->import_toast);
  g_clear_pointer (&self->n_new, g_hash_table_unref);
  g_clear_pointer (&self->refreshing, g_hash_table_unref);

  G_OBJECT_CLASS (tp_feeds_page_parent_class)->finalize (object);
}

static void
tp_feeds_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TpFeedsPage *self = TP_FEEDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_UNSEEN:
      g_value_set_uint (value, tp_feeds_page_get_n_unseen (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_feeds_page_class_init (TpFeedsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tp_feeds_page_dispose;
  object_class->finalize = tp_feeds_page_finalize;
  object_class->get_property = tp_feeds_page_get_property;
  widget_class->unmap = tp_feeds_page_unmap;

  /**
   * TpFeedsPage:n-unseen:
   *
   * Articles the feeds brought since the journalist last looked at the page.
   */
  properties[PROP_N_UNSEEN] =
    g_param_spec_uint ("n-unseen", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TpFeedsPage::articles-added:
   *
   * Emitted when feeds or a web import stored new articles, so that the
   * views listing articles reload.
   */
  signals[ARTICLES_ADDED] =
    g_signal_new ("articles-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TpFeedsPage::article-activated:
   * @article_id: the article to open
   */
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * TpFeedsPage::watched-statements:
   * @actor_key: an actor on the watch list
   * @actor_name: the actor's name
   * @n_statements: their new statements
   * @article_id: the article of the newest one
   *
   * Emitted, once per actor, when feeds brought new statements by people on
   * the watch list; a notification goes out at the same time.
   */
  signals[WATCHED_STATEMENTS] =
    g_signal_new ("watched-statements", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_INT64);

  /**
   * TpFeedsPage::opml-done:
   *
   * Emitted when an OPML import or export has finished (a toast says how).
   */
  signals[OPML_DONE] =
    g_signal_new ("opml-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/triptych/Triptych/tp-feeds-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TpFeedsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TpFeedsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TpFeedsPage, feed_list);

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "feeds.refresh-all", NULL, refresh_all_action);
  gtk_widget_class_install_action (widget_class, "feeds.import-opml", NULL, import_opml_action);
  gtk_widget_class_install_action (widget_class, "feeds.export-opml", NULL, export_opml_action);
  gtk_widget_class_install_action (widget_class, "feeds.import-web", NULL, import_web_action);
  gtk_widget_class_install_action (widget_class, "feeds.watch-list", NULL, watch_list_action);
}

static void
tp_feeds_page_init (TpFeedsPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->feeds = g_list_store_new (TP_TYPE_FEEDS_PAGE_ITEM);
  self->n_new = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->refreshing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Without the installed schema (a widget test), there is no watch list. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "watched-actors"))
    self->settings = g_settings_new (APPLICATION_ID);

  gtk_list_box_bind_model (self->feed_list, G_LIST_MODEL (self->feeds), create_feed_row, self,
                           NULL);
  sync_items (self);
}

/* Public API */

/**
 * tp_feeds_page_set_library:
 * @worker: the library's worker
 * @monitor: (nullable): the application's monitor for that library; %NULL
 *   makes the page use one of its own, refreshed only on request
 *
 * Points the page at a library.
 */
void
tp_feeds_page_set_library (TpFeedsPage     *self,
                           TpLibraryWorker *worker,
                           TpFeedMonitor   *monitor)
{
  g_return_if_fail (TP_IS_FEEDS_PAGE (self));
  g_return_if_fail (TP_IS_LIBRARY_WORKER (worker));
  g_return_if_fail (monitor == NULL || TP_IS_FEED_MONITOR (monitor));

  if (self->worker != NULL)
    {
      if (self->remove_toast != NULL)
        {
          AdwToast *toast = g_steal_pointer (&self->remove_toast);
          g_signal_handlers_disconnect_by_data (toast, self);
          adw_toast_dismiss (toast);
        }
      commit_pending_remove (self);
    }

  g_set_object (&self->worker, worker);
  disconnect_monitor (self);
  self->start_monitor = monitor != NULL;
  if (monitor != NULL)
    self->monitor = g_object_ref (monitor);
  else
    self->monitor = tp_feed_monitor_new (tp_library_worker_get_path (worker), NULL);
  self->feed_updated_id = g_signal_connect (self->monitor, "feed-updated",
                                            G_CALLBACK (on_monitor_feed_updated_cb), self);
  self->new_articles_id = g_signal_connect (self->monitor, "new-articles",
                                            G_CALLBACK (on_monitor_new_articles_cb), self);

  g_hash_table_remove_all (self->n_new);
  g_hash_table_remove_all (self->refreshing);
  g_list_store_remove_all (self->feeds);
  sync_items (self);
  tp_feeds_page_reload (self);
}

TpFeedMonitor *
tp_feeds_page_get_monitor (TpFeedsPage *self)
{
  g_return_val_if_fail (TP_IS_FEEDS_PAGE (self), NULL);
  return self->monitor;
}

/**
 * tp_feeds_page_get_model:
 *
 * Returns: (transfer none): the listed feeds, as #TpFeedsPageItem
 */
GListModel *
tp_feeds_page_get_model (TpFeedsPage *self)
{
  g_return_val_if_fail (TP_IS_FEEDS_PAGE (self), NULL);
  return G_LIST_MODEL (self->feeds);
}

guint
tp_feeds_page_get_n_unseen (TpFeedsPage *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (TP_IS_FEEDS_PAGE (self), 0);

  g_hash_table_iter_init (&iter, self->n_new);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  return n;
}

void
tp_feeds_page_reload (TpFeedsPage *self)
{
  g_return_if_fail (TP_IS_FEEDS_PAGE (self));

  if (self->worker == NULL)
    return;
  run_job (self, list_feeds_job, g_new0 (ListJob, 1), list_job_free, on_feeds_listed_cb);
}

/**
 * tp_feeds_page_subscribe:
 * @url: the feed's address
 *
 * Checks that @url is a feed, adds it, and fetches its items.
 */
void
tp_feeds_page_subscribe (TpFeedsPage *self,
                         const char  *url)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (TP_IS_FEEDS_PAGE (self));
  g_return_if_fail (url != NULL);

  if (self->monitor == NULL)
    return;
  trimmed = g_strstrip (g_strdup (url));
  tp_feed_monitor_subscribe_async (self->monitor, trimmed, self->cancellable, on_subscribed_cb,
                                   g_object_ref (self));
}

/**
 * tp_feeds_page_refresh:
 * @feed_id: a feed, or 0 for every feed
 */
void
tp_feeds_page_refresh (TpFeedsPage *self,
                       gint64       feed_id)
{
  g_return_if_fail (TP_IS_FEEDS_PAGE (self));

  start_refresh (self, feed_id, TRUE);
}

/**
 * tp_feeds_page_import_url:
 * @url: an article's address
 *
 * Imports the article at @url without blocking; a toast says how it went.
 */
void
tp_feeds_page_import_url (TpFeedsPage *self,
                          const char  *url)
{
  g_return_if_fail (TP_IS_FEEDS_PAGE (self));
  g_return_if_fail (url != NULL);

  if (self->worker == NULL)
    return;
  if (self->imports_running++ == 0)
    {
      self->import_toast = g_object_ref_sink (adw_toast_new (_("Importing the page…")));
      adw_toast_set_timeout (self->import_toast, 0);
      add_toast (self, self->import_toast);
    }
  tp_web_import_async (self->worker, NULL, url, self->cancellable, on_web_import_done_cb,
                       g_object_ref (self));
}

void
tp_feeds_page_present_add_dialog (TpFeedsPage *self)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (TP_IS_FEEDS_PAGE (self));

  dialog = make_url_dialog (self, _("Add Feed"),
                            _("Enter the address of an RSS, Atom or JSON feed. Its new "
                              "articles will be imported as they are published."),
                            "add", _("_Add"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tp_feeds_page_present_import_dialog (TpFeedsPage *self)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (TP_IS_FEEDS_PAGE (self));

  dialog = make_url_dialog (self, _("Import from Web"),
                            _("Enter the address of a news article. Its text is read from the "
                              "page and its statements are found."),
                            "import", _("_Import"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tp_feeds_page_import_opml:
 * @file: an OPML file
 *
 * Subscribes to every feed listed in @file that the library does not follow
 * yet, then fetches their items. A toast sums it up.
 */
void
tp_feeds_page_import_opml (TpFeedsPage *self,
                           GFile       *file)
{
  g_return_if_fail (TP_IS_FEEDS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, on_opml_loaded_cb, g_object_ref (self));
}

/**
 * tp_feeds_page_export_opml:
 * @file: where to write
 *
 * Writes the library's subscriptions to @file as OPML.
 */
void
tp_feeds_page_export_opml (TpFeedsPage *self,
                           GFile       *file)
{
  g_return_if_fail (TP_IS_FEEDS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->worker == NULL)
    return;
  g_object_set_data_full (G_OBJECT (self), "tp-export-file", g_object_ref (file), g_object_unref);
  run_job (self, list_feeds_job, g_new0 (ListJob, 1), list_job_free, on_feeds_for_export_cb);
}
