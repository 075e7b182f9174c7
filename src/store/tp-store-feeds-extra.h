/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tp-store.h"

G_BEGIN_DECLS

/* Feed monitoring needs to know whether an item's page is already in the
 * library before it spends a request on fetching it. */
gboolean  tp_store_has_article_url (TpStore     *self,
                                    const char  *url,
                                    gboolean    *out_found,
                                    GError     **error);

/* A feed that answers with a permanent redirect has moved: its
 * subscription follows it. */
gboolean  tp_store_set_feed_url    (TpStore     *self,
                                    gint64       feed_id,
                                    const char  *url,
                                    gint64      *out_other_id,
                                    GError     **error);

G_END_DECLS
