/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-article.h"

G_BEGIN_DECLS

#define TP_FETCH_ERROR (tp_fetch_error_quark ())

typedef enum
{
  TP_FETCH_ERROR_INVALID_URL,        /* unparseable, or not http/https */
  TP_FETCH_ERROR_NOT_FOUND,          /* 404 or 410 */
  TP_FETCH_ERROR_HTTP,               /* any other 4xx or unexpected status */
  TP_FETCH_ERROR_SERVER,             /* 5xx */
  TP_FETCH_ERROR_TIMEOUT,            /* no connection or no complete answer in time */
  TP_FETCH_ERROR_TOO_MANY_REDIRECTS, /* more than the redirect limit */
  TP_FETCH_ERROR_REDIRECT_LOOP,      /* a redirect back to an address already visited */
  TP_FETCH_ERROR_TOO_LARGE,          /* body over the size cap, before or after decoding */
  TP_FETCH_ERROR_TLS,                /* certificate or handshake failure */
  TP_FETCH_ERROR_NETWORK,            /* name resolution, refused, reset... */
  TP_FETCH_ERROR_ENCODING,           /* declared character set does not fit the text */
  TP_FETCH_ERROR_CANCELLED,
} TpFetchError;

/* Defaults; tests shorten them through tp_fetcher_new_full(). */
#define TP_FETCH_CONNECT_TIMEOUT_S 15
#define TP_FETCH_TOTAL_TIMEOUT_S   60
#define TP_FETCH_MAX_REDIRECTS     5
#define TP_FETCH_MAX_BYTES         (10 * 1024 * 1024)
#define TP_FETCH_MAX_CONNS         8
#define TP_FETCH_MAX_CONNS_PER_HOST 2

/**
 * TpFetchResult:
 *
 * What one GET brought back. @body is %NULL when @not_modified is set (the
 * server answered 304 to a conditional request). @charset is the character
 * set the body was found to be in (from the BOM, the Content-Type header or
 * an in-document declaration), or %NULL for binary content. @moved_to is
 * set when the requested address answered with a permanent redirect (301
 * or 308): it is where the permanent redirects at the start of the chain
 * led, before any temporary one, and the address to use from now on.
 */
typedef struct _TpFetchResult TpFetchResult;

struct _TpFetchResult
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char     *url;           /* as requested */
  char     *final_url;     /* after redirects */
  guint     status;
  gboolean  not_modified;
  GBytes   *body;
  char     *content_type;  /* media type without parameters, lower case, or NULL */
  char     *charset;
  char     *etag;
  char     *last_modified;
  char     *moved_to;      /* new permanent address (301/308), or NULL */
};

#define TP_TYPE_FETCH_RESULT (tp_fetch_result_get_type ())

GType          tp_fetch_result_get_type (void) G_GNUC_CONST;
TpFetchResult *tp_fetch_result_ref      (TpFetchResult *self);
void           tp_fetch_result_unref    (TpFetchResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpFetchResult, tp_fetch_result_unref)

#define TP_TYPE_FETCHER (tp_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (TpFetcher, tp_fetcher, TP, FETCHER, GObject)

GQuark         tp_fetch_error_quark           (void);

TpFetcher     *tp_fetcher_get_default         (void);
TpFetcher     *tp_fetcher_new                 (void);
TpFetcher     *tp_fetcher_new_full            (guint          connect_timeout_s,
                                               guint          total_timeout_s,
                                               gsize          max_bytes);

guint          tp_fetcher_get_total_timeout   (TpFetcher     *self);
gsize          tp_fetcher_get_max_bytes       (TpFetcher     *self);

void           tp_fetcher_fetch_async         (TpFetcher          *self,
                                               const char         *url,
                                               const char         *etag,
                                               const char         *last_modified,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
TpFetchResult *tp_fetcher_fetch_finish        (TpFetcher     *self,
                                               GAsyncResult  *result,
                                               GError       **error);
TpFetchResult *tp_fetcher_fetch_sync          (TpFetcher     *self,
                                               const char    *url,
                                               const char    *etag,
                                               const char    *last_modified,
                                               GCancellable  *cancellable,
                                               GError       **error);

TpArticle     *tp_fetcher_article_from_result (TpFetchResult *result,
                                               GError       **error);
void           tp_fetcher_fetch_article_async (TpFetcher          *self,
                                               const char         *url,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
TpArticle     *tp_fetcher_fetch_article_finish (TpFetcher    *self,
                                                GAsyncResult *result,
                                                GError      **error);
TpArticle     *tp_fetcher_fetch_article_sync  (TpFetcher     *self,
                                               const char    *url,
                                               GCancellable  *cancellable,
                                               GError       **error);

char          *tp_fetcher_detect_charset      (const guint8  *data,
                                               gsize          len,
                                               const char    *declared,
                                               GError       **error);
gboolean       tp_fetcher_is_web_url          (const char    *url);

G_END_DECLS
