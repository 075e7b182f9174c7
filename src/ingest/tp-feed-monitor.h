/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-article.h"
#include "tp-fetcher.h"
#include "tp-store-records.h"

G_BEGIN_DECLS

/* Refresh interval when a feed sets none, in seconds. */
#define TP_FEED_DEFAULT_INTERVAL_S (30 * 60)
/* Longest wait between attempts on a failing feed, in seconds. */
#define TP_FEED_MAX_BACKOFF_S (24 * 60 * 60)

/**
 * TpFeedAnalyzeFunc:
 * @article: a new article about to be stored
 * @user_data: the data given with the function
 *
 * Finds the statements of a new article. Called on the monitor's worker
 * thread, never on the main context.
 *
 * Returns: (transfer full) (element-type TpStatement) (nullable): the
 *   statements to store with the article
 */
typedef GPtrArray *(*TpFeedAnalyzeFunc) (TpArticle *article,
                                         gpointer   user_data);

/**
 * TpFeedRefreshStats:
 * @feeds_checked: feeds fetched (or attempted)
 * @feeds_not_modified: feeds the server said had not changed (304)
 * @feeds_failed: feeds whose fetch or parse failed
 * @new_articles: articles stored
 * @duplicates: items skipped because their URL or text was already stored
 * @items_failed: items whose own page could not be fetched
 */
typedef struct
{
  guint feeds_checked;
  guint feeds_not_modified;
  guint feeds_failed;
  guint new_articles;
  guint duplicates;
  guint items_failed;
} TpFeedRefreshStats;

#define TP_TYPE_FEED_MONITOR (tp_feed_monitor_get_type ())

G_DECLARE_FINAL_TYPE (TpFeedMonitor, tp_feed_monitor, TP, FEED_MONITOR, GObject)

TpFeedMonitor *tp_feed_monitor_new              (const char         *db_path,
                                                 TpFetcher          *fetcher);
const char    *tp_feed_monitor_get_db_path      (TpFeedMonitor      *self);
void           tp_feed_monitor_set_default_interval (TpFeedMonitor  *self,
                                                 guint               seconds);
guint          tp_feed_monitor_get_default_interval (TpFeedMonitor  *self);
void           tp_feed_monitor_set_analyzer     (TpFeedMonitor      *self,
                                                 TpFeedAnalyzeFunc   func,
                                                 gpointer            user_data,
                                                 GDestroyNotify      destroy);

void           tp_feed_monitor_start            (TpFeedMonitor      *self,
                                                 guint               check_every_s);
void           tp_feed_monitor_stop             (TpFeedMonitor      *self);
gboolean       tp_feed_monitor_is_running       (TpFeedMonitor      *self);

void           tp_feed_monitor_refresh_async    (TpFeedMonitor      *self,
                                                 gint64              feed_id,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean       tp_feed_monitor_refresh_finish   (TpFeedMonitor      *self,
                                                 GAsyncResult       *result,
                                                 TpFeedRefreshStats *out_stats,
                                                 GError            **error);
gboolean       tp_feed_monitor_refresh_sync     (TpFeedMonitor      *self,
                                                 gint64              feed_id,
                                                 GCancellable       *cancellable,
                                                 TpFeedRefreshStats *out_stats,
                                                 GError            **error);

void           tp_feed_monitor_subscribe_async  (TpFeedMonitor      *self,
                                                 const char         *url,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
TpFeed        *tp_feed_monitor_subscribe_finish (TpFeedMonitor      *self,
                                                 GAsyncResult       *result,
                                                 GError            **error);

guint          tp_feed_monitor_backoff_delay    (guint               interval_s,
                                                 guint               error_count);

G_END_DECLS
