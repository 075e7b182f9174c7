/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-feed-monitor.h"
#include "tp-library-worker.h"

G_BEGIN_DECLS

/* One subscription as the Feeds page lists it: the stored feed, plus what
 * happened to it since the journalist last looked. */
#define TP_TYPE_FEEDS_PAGE_ITEM (tp_feeds_page_item_get_type ())

G_DECLARE_FINAL_TYPE (TpFeedsPageItem, tp_feeds_page_item, TP, FEEDS_PAGE_ITEM, GObject)

const TpFeed *tp_feeds_page_item_get_feed       (TpFeedsPageItem *self);
guint         tp_feeds_page_item_get_n_new      (TpFeedsPageItem *self);
gboolean      tp_feeds_page_item_get_refreshing (TpFeedsPageItem *self);

#define TP_TYPE_FEEDS_PAGE (tp_feeds_page_get_type ())

G_DECLARE_FINAL_TYPE (TpFeedsPage, tp_feeds_page, TP, FEEDS_PAGE, GtkWidget)

void           tp_feeds_page_set_library           (TpFeedsPage     *self,
                                                    TpLibraryWorker *worker,
                                                    TpFeedMonitor   *monitor);
TpFeedMonitor *tp_feeds_page_get_monitor           (TpFeedsPage     *self);
GListModel    *tp_feeds_page_get_model             (TpFeedsPage     *self);
guint          tp_feeds_page_get_n_unseen          (TpFeedsPage     *self);
void           tp_feeds_page_reload                (TpFeedsPage     *self);
void           tp_feeds_page_subscribe             (TpFeedsPage     *self,
                                                    const char      *url);
void           tp_feeds_page_refresh               (TpFeedsPage     *self,
                                                    gint64           feed_id);
void           tp_feeds_page_import_url            (TpFeedsPage     *self,
                                                    const char      *url);
void           tp_feeds_page_import_opml           (TpFeedsPage     *self,
                                                    GFile           *file);
void           tp_feeds_page_export_opml           (TpFeedsPage     *self,
                                                    GFile           *file);
void           tp_feeds_page_present_add_dialog    (TpFeedsPage     *self);
void           tp_feeds_page_present_import_dialog (TpFeedsPage     *self);

G_END_DECLS
