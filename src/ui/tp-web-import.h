/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-fetcher.h"
#include "tp-library-worker.h"

G_BEGIN_DECLS

/* Importing one article from its web address: the page is fetched on the
 * main context without blocking it (libsoup), then analysed and stored on a
 * worker thread with that thread's own connection to the library. */

gboolean tp_web_import_looks_like_url (const char           *text);

void     tp_web_import_async          (TpLibraryWorker      *worker,
                                       TpFetcher            *fetcher,
                                       const char           *url,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gint64   tp_web_import_finish         (TpLibraryWorker      *worker,
                                       GAsyncResult         *result,
                                       char                **out_title,
                                       GError              **error);

G_END_DECLS
