/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tp-fetcher.h"
#include "tp-source.h"

/* Bytes asked for per read; small enough that the size cap is enforced
 * within one chunk of the limit. */
#define READ_CHUNK (64 * 1024)
/* How far into a document an in-band charset declaration is looked for. */
#define SNIFF_BYTES 4096

struct _TpFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  guint        connect_timeout_s;
  guint        total_timeout_s;
  gsize        max_bytes;
};

G_DEFINE_TYPE (TpFetcher, tp_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (tp-fetch-error-quark, tp_fetch_error)

G_DEFINE_BOXED_TYPE (TpFetchResult, tp_fetch_result, tp_fetch_result_ref, tp_fetch_result_unref)

typedef struct
{
  char          *url;            /* as requested */
  char          *etag;
  char          *last_modified;
  GUri          *current;
  GHashTable    *visited;        /* URLs already requested in this chain */
  guint          redirects;
  char          *moved_to;       /* where the permanent redirects at the start lead */
  gboolean       temporary_seen; /* a temporary redirect came: no later one moves @url */
  SoupMessage   *msg;
  GInputStream  *stream;
  GByteArray    *buffer;
  GCancellable  *cancellable;    /* ours, cancelled by the caller's or the deadline */
  GCancellable  *caller_cancellable;
  gulong         cancel_id;
  GSource       *deadline;
  gboolean       timed_out;
} FetchData;

/* Auxiliary methods */

static void
fetch_data_free (FetchData *data)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->caller_cancellable != NULL && data->cancel_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->cancel_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->current, g_uri_unref);
  g_clear_pointer (&data->visited, g_hash_table_unref);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data->url);
  g_free (data->moved_to);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

static gboolean
is_web_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  return scheme != NULL && host != NULL && *host != '\0' &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static GUri *
parse_web_url (const char  *url,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_INVALID_URL,
                   _("No address was given. Enter a web address starting with http:// or "
                     "https://."));
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || !is_web_uri (uri))
    {
      g_set_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_INVALID_URL,
                   _("“%s” is not a web address. Only http:// and https:// addresses can be "
                     "fetched."),
                   url);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

static gboolean
charset_is_known (const char *charset)
{
  GIConv conv;

  if (charset == NULL || *charset == '\0')
    return FALSE;
  conv = g_iconv_open ("UTF-8", charset);
  if (conv == (GIConv) -1)
    return FALSE;
  g_iconv_close (conv);
  return TRUE;
}

static gboolean
charset_is_utf8 (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0;
}

static gboolean
decodes_with (const guint8 *data,
              gsize         len,
              const char   *charset)
{
  g_autofree char *out = NULL;

  if (charset_is_utf8 (charset))
    return g_utf8_validate ((const char *) data, len, NULL);
  out = g_convert ((const char *) data, len, "UTF-8", charset, NULL, NULL, NULL);
  return out != NULL;
}

static gboolean
has_non_ascii (const guint8 *data,
               gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* Finds `<meta charset=...>`, `<meta http-equiv content="...; charset=...">`
 * or `<?xml ... encoding="..."?>` near the start of a document. */
static char *
sniff_declared_charset (const guint8 *data,
                        gsize         len)
{
  g_autofree char *head = g_ascii_strdown ((const char *) data, MIN (len, SNIFF_BYTES));
  const char *p;

  if (g_str_has_prefix (head, "<?xml"))
    {
      const char *end = strstr (head, "?>");
      p = strstr (head, "encoding");
      if (p != NULL && (end == NULL || p < end))
        {
          p += strlen ("encoding");
          while (*p == ' ' || *p == '=' || *p == '"' || *p == '\'')
            p++;
          return g_strndup (p, strcspn (p, "\"' ?>"));
        }
    }

  for (p = strstr (head, "<meta"); p != NULL; p = strstr (p + 5, "<meta"))
    {
      const char *end = strchr (p, '>');
      const char *cs = strstr (p, "charset");

      if (end == NULL)
        break;
      if (cs == NULL || cs > end)
        continue;
      cs += strlen ("charset");
      while (*cs == ' ' || *cs == '=' || *cs == '"' || *cs == '\'')
        cs++;
      if (cs < end)
        return g_strndup (cs, strcspn (cs, "\"' ;/>"));
    }
  return NULL;
}

/* Maps the errors libsoup and GIO report to the few cases a journalist can
 * act on. */
static GError *
map_error (FetchData    *data,
           const GError *error)
{
  const char *url = data->url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (data->timed_out)
        return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_TIMEOUT,
                            _("%s did not answer in time. The site may be slow or down; try again "
                              "later."),
                            url);
      return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_CANCELLED,
                          _("Fetching %s was cancelled."), url);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_TIMEOUT,
                        _("%s did not answer in time. The site may be slow or down; try again "
                          "later."),
                        url);
  if (error->domain == G_TLS_ERROR ||
      (data->msg != NULL && soup_message_get_tls_peer_certificate_errors (data->msg) != 0))
    return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_TLS,
                        _("The secure connection to %s could not be trusted (%s). "
                          "The page was not fetched; check the address or the system clock."),
                        url, error->message);
  return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_NETWORK,
                      _("Could not reach %s: %s. Check the network connection and the address."),
                      url, error->message);
}

static GError *
status_error (FetchData *data,
              guint      status)
{
  const char *url = data->url;

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_NOT_FOUND,
                        _("%s was not found on the server (HTTP %u). Check the address."),
                        url, status);
  if (status >= 500)
    return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_SERVER,
                        _("The server of %s failed with an internal error (HTTP %u). Try again "
                          "later."),
                        url, status);
  return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_HTTP,
                      _("The server refused %s (HTTP %u %s)."),
                      url, status, soup_status_get_phrase (status));
}

static GError *
too_large_error (FetchData *data,
                 gsize      max_bytes)
{
  return g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_TOO_LARGE,
                      _("%s is larger than the %u MB Triptych accepts; it was not imported."),
                      data->url, (guint) (max_bytes / (1024 * 1024)));
}

static TpFetchResult *
build_result (FetchData  *data,
              GError    **error)
{
  g_autoptr(TpFetchResult) result = g_new0 (TpFetchResult, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  g_autoptr(GHashTable) params = NULL;
  const char *content_type;
  const char *declared = NULL;

  g_atomic_ref_count_init (&result->ref_count);
  result->url = g_strdup (data->url);
  result->final_url = g_uri_to_string (data->current);
  result->moved_to = g_strdup (data->moved_to);
  result->status = soup_message_get_status (data->msg);
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));

  content_type = soup_message_headers_get_content_type (headers, &params);
  if (content_type != NULL)
    {
      result->content_type = g_ascii_strdown (content_type, -1);
      if (params != NULL)
        declared = g_hash_table_lookup (params, "charset");
    }

  if (result->status == SOUP_STATUS_NOT_MODIFIED)
    {
      result->not_modified = TRUE;
      return g_steal_pointer (&result);
    }

  result->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));

  /* Images and other binary media keep no charset; text of any kind gets one. */
  if (result->content_type == NULL ||
      g_str_has_prefix (result->content_type, "text/") ||
      strstr (result->content_type, "xml") != NULL ||
      strstr (result->content_type, "json") != NULL ||
      strstr (result->content_type, "html") != NULL)
    {
      gsize len;
      const guint8 *bytes = g_bytes_get_data (result->body, &len);
      g_autoptr(GError) local_error = NULL;

      result->charset = tp_fetcher_detect_charset (bytes, len, declared, &local_error);
      if (result->charset == NULL)
        {
          g_set_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_ENCODING,
                       _("The text of %s could not be decoded: %s"),
                       data->url, local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&result);
}

/* Async machinery */

static void send_request (GTask *task);

static gboolean
on_deadline_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

static void
return_error (GTask  *task,
              GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  /* Drop the body read so far: nothing partial leaves the fetcher. The
   * stream goes now, on the context the request runs on, as libsoup wants. */
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_object (&data->stream);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  TpFetcher *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  TpFetchResult *result;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (chunk == NULL)
    {
      return_error (task, map_error (data, error));
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      /* The stream is already decoded, so this also stops compression bombs. */
      if (data->buffer->len + g_bytes_get_size (chunk) > self->max_bytes)
        {
          g_cancellable_cancel (data->cancellable);
          return_error (task, too_large_error (data, self->max_bytes));
          return;
        }
      g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       data->cancellable, on_read_cb, task);
      return;
    }

  g_input_stream_close (data->stream, NULL, NULL);
  g_clear_object (&data->stream);
  result = build_result (data, &error);
  if (result == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) tp_fetch_result_unref);
  g_object_unref (task);
}

static gboolean
follow_redirect (GTask   *task,
                 GError **error)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;
  g_autofree char *next_str = NULL;
  guint status;

  if (location == NULL)
    {
      *error = status_error (data, soup_message_get_status (data->msg));
      return FALSE;
    }

  next = g_uri_parse_relative (data->current, location, G_URI_FLAGS_ENCODED, NULL);
  if (next == NULL || !is_web_uri (next))
    {
      *error = g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_INVALID_URL,
                            _("%s redirects to “%s”, which is not a web address; it was not "
                              "followed."),
                            data->url, location);
      return FALSE;
    }

  next_str = g_uri_to_string (next);
  if (g_hash_table_contains (data->visited, next_str))
    {
      *error = g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_REDIRECT_LOOP,
                            _("%s redirects in a loop and never reaches a page. The site is "
                              "misconfigured."),
                            data->url);
      return FALSE;
    }
  if (++data->redirects > TP_FETCH_MAX_REDIRECTS)
    {
      *error = g_error_new (TP_FETCH_ERROR, TP_FETCH_ERROR_TOO_MANY_REDIRECTS,
                            _("%s redirected more than %d times; Triptych stopped following it."),
                            data->url, TP_FETCH_MAX_REDIRECTS);
      return FALSE;
    }

  /* Only 301 and 308 say the resource has moved for good (RFC 9110,
   * 15.4); a 302, 303 or 307 anywhere in the chain means the address
   * reached after it is no more than a detour, and so is every one after. */
  status = soup_message_get_status (data->msg);
  if (!data->temporary_seen && (status == SOUP_STATUS_MOVED_PERMANENTLY ||
                                status == SOUP_STATUS_PERMANENT_REDIRECT))
    {
      g_free (data->moved_to);
      data->moved_to = g_strdup (next_str);
    }
  else
    data->temporary_seen = TRUE;

  g_uri_unref (data->current);
  data->current = g_steal_pointer (&next);
  return TRUE;
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  TpFetcher *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (data->stream == NULL)
    {
      return_error (task, map_error (data, error));
      return;
    }

  status = soup_message_get_status (data->msg);
  headers = soup_message_get_response_headers (data->msg);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      g_input_stream_close (data->stream, NULL, NULL);
      g_clear_object (&data->stream);
      if (!follow_redirect (task, &error))
        {
          return_error (task, g_steal_pointer (&error));
          return;
        }
      send_request (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_input_stream_close (data->stream, NULL, NULL);
      g_clear_object (&data->stream);
      g_task_return_pointer (task, build_result (data, NULL),
                             (GDestroyNotify) tp_fetch_result_unref);
      g_object_unref (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_cancellable_cancel (data->cancellable);
      return_error (task, status_error (data, status));
      return;
    }

  /* A declared length over the cap is refused before a byte is read. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->max_bytes)
    {
      g_cancellable_cancel (data->cancellable);
      return_error (task, too_large_error (data, self->max_bytes));
      return;
    }

  data->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read_cb, task);
}

static void
send_request (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  TpFetcher *self = g_task_get_source_object (task);
  SoupMessageHeaders *headers;

  g_clear_object (&data->msg);
  g_hash_table_add (data->visited, g_uri_to_string (data->current));

  data->msg = soup_message_new_from_uri (SOUP_METHOD_GET, data->current);
  /* Redirects are followed here, not by libsoup, so that each hop can be
   * checked for its scheme and for loops. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept",
                                "text/html, application/xhtml+xml, application/rss+xml, "
                                "application/atom+xml, application/feed+json, "
                                "application/xml;q=0.9, "
                                "*/*;q=0.8");
  if (data->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT, data->cancellable,
                           on_sent_cb, task);
}

/* GObject overrides */

static void
tp_fetcher_finalize (GObject *object)
{
  TpFetcher *self = TP_FETCHER (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (tp_fetcher_parent_class)->finalize (object);
}

static void
tp_fetcher_class_init (TpFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_fetcher_finalize;
}

static void
tp_fetcher_init (TpFetcher *self)
{
}

/* Public API */

TpFetchResult *
tp_fetch_result_ref (TpFetchResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_fetch_result_unref (TpFetchResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->url);
  g_free (self->final_url);
  g_free (self->moved_to);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  g_free (self->charset);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self);
}

/**
 * tp_fetcher_new_full:
 * @connect_timeout_s: seconds allowed to connect and between reads
 * @total_timeout_s: seconds allowed for a whole fetch, redirects included
 * @max_bytes: largest body accepted, measured after decompression
 *
 * Creates a fetcher with its own session. The application uses
 * tp_fetcher_get_default(); tests use this to shorten the limits.
 *
 * Returns: (transfer full): a new fetcher
 */
TpFetcher *
tp_fetcher_new_full (guint connect_timeout_s,
                     guint total_timeout_s,
                     gsize max_bytes)
{
  TpFetcher *self;
  g_autofree char *user_agent = g_strdup_printf ("Triptych/%s", PACKAGE_VERSION);

  g_return_val_if_fail (connect_timeout_s > 0 && total_timeout_s > 0 && max_bytes > 0, NULL);

  self = g_object_new (TP_TYPE_FETCHER, NULL);
  self->connect_timeout_s = connect_timeout_s;
  self->total_timeout_s = total_timeout_s;
  self->max_bytes = max_bytes;
  /* SoupSession's timeout covers connecting and each wait for data; the
   * total deadline is enforced per fetch. A plain SoupSession already
   * carries a SoupContentDecoder for gzip and deflate; TLS errors fail the
   * request because no accept-certificate handler is ever connected. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", connect_timeout_s,
                                                 "max-conns", TP_FETCH_MAX_CONNS,
                                                 "max-conns-per-host", TP_FETCH_MAX_CONNS_PER_HOST,
                                                 NULL);
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  return self;
}

/**
 * tp_fetcher_new:
 *
 * Returns: (transfer full): a fetcher with the default limits
 */
TpFetcher *
tp_fetcher_new (void)
{
  return tp_fetcher_new_full (TP_FETCH_CONNECT_TIMEOUT_S, TP_FETCH_TOTAL_TIMEOUT_S,
                              TP_FETCH_MAX_BYTES);
}

/**
 * tp_fetcher_get_default:
 *
 * The application-wide fetcher, sharing one #SoupSession. Create it first
 * on the main thread: libsoup wants its session configured where it was
 * created.
 *
 * Returns: (transfer none): the shared fetcher
 */
TpFetcher *
tp_fetcher_get_default (void)
{
  static TpFetcher *fetcher;

  if (g_once_init_enter (&fetcher))
    g_once_init_leave (&fetcher, tp_fetcher_new ());
  return fetcher;
}

guint
tp_fetcher_get_total_timeout (TpFetcher *self)
{
  g_return_val_if_fail (TP_IS_FETCHER (self), 0);
  return self->total_timeout_s;
}

gsize
tp_fetcher_get_max_bytes (TpFetcher *self)
{
  g_return_val_if_fail (TP_IS_FETCHER (self), 0);
  return self->max_bytes;
}

/**
 * tp_fetcher_is_web_url:
 * @url: (nullable): an address
 *
 * Returns: whether @url is an absolute http or https address
 */
gboolean
tp_fetcher_is_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  return uri != NULL && is_web_uri (uri);
}

/**
 * tp_fetcher_fetch_async:
 * @self: a fetcher
 * @url: an http or https address
 * @etag: (nullable): the ETag of the copy already held, for a conditional GET
 * @last_modified: (nullable): its Last-Modified date, for a conditional GET
 * @cancellable: (nullable): a cancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Fetches @url, following at most %TP_FETCH_MAX_REDIRECTS http(s)
 * redirects, within the fetcher's deadlines and size cap.
 */
void
tp_fetcher_fetch_async (TpFetcher          *self,
                        const char         *url,
                        const char         *etag,
                        const char         *last_modified,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *data;
  GUri *uri;

  g_return_if_fail (TP_IS_FETCHER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tp_fetcher_fetch_async);
  /* The caller's cancellable is chained to ours, so cancelling is observed
   * by libsoup; GTask must not short-cut it and lose the mapped error. */
  g_task_set_check_cancellable (task, FALSE);

  uri = parse_web_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  data->current = uri;
  data->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                               data->cancellable, NULL);
    }

  data->deadline = g_timeout_source_new_seconds (self->total_timeout_s);
  g_source_set_callback (data->deadline, on_deadline_cb, data, NULL);
  g_source_attach (data->deadline, g_task_get_context (task));

  send_request (g_steal_pointer (&task));
}

/**
 * tp_fetcher_fetch_finish:
 *
 * Returns: (transfer full): what was fetched, or %NULL with @error set in
 *   the %TP_FETCH_ERROR domain
 */
TpFetchResult *
tp_fetcher_fetch_finish (TpFetcher     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TP_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * tp_fetcher_fetch_sync:
 *
 * The blocking form of tp_fetcher_fetch_async(), for the command line and
 * worker threads. It runs the fetch on a private main context, so it never
 * dispatches the caller's other sources.
 *
 * Returns: (transfer full): what was fetched, or %NULL with @error set
 */
TpFetchResult *
tp_fetcher_fetch_sync (TpFetcher     *self,
                       const char    *url,
                       const char    *etag,
                       const char    *last_modified,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  TpFetchResult *ret;

  g_return_val_if_fail (TP_IS_FETCHER (self), NULL);

  g_main_context_push_thread_default (context);
  tp_fetcher_fetch_async (self, url, etag, last_modified, cancellable, on_sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  ret = tp_fetcher_fetch_finish (self, result, error);
  /* Let libsoup finish the message on the context it was sent from. */
  g_clear_object (&result);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  return ret;
}

/**
 * tp_fetcher_article_from_result:
 * @result: a fetched page
 *
 * Turns a fetched page into an article through the ingest sources, keeping
 * the address it was finally found at.
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
TpArticle *
tp_fetcher_article_from_result (TpFetchResult  *result,
                                GError        **error)
{
  TpArticle *article;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->body == NULL)
    {
      g_set_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_HTTP,
                   _("%s has not changed since it was last fetched."), result->url);
      return NULL;
    }

  article = tp_source_load_bytes (result->body, result->content_type, result->charset,
                                  result->final_url, TP_ORIGIN_URL, error);
  if (article == NULL)
    return NULL;
  article->origin = TP_ORIGIN_URL;
  if (article->url == NULL)
    article->url = g_strdup (result->final_url);
  return article;
}

static void
load_article_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TpFetchResult *result = task_data;
  GError *error = NULL;
  TpArticle *article = tp_fetcher_article_from_result (result, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, (GDestroyNotify) tp_article_unref);
}

static void
on_page_fetched_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  TpFetchResult *result = tp_fetcher_fetch_finish (TP_FETCHER (source), res, &error);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, result, (GDestroyNotify) tp_fetch_result_unref);
  g_task_run_in_thread (task, load_article_thread);
}

/**
 * tp_fetcher_fetch_article_async:
 * @self: a fetcher
 * @url: the page's address
 * @cancellable: (nullable): a cancellable
 * @callback: called when the article is ready
 * @user_data: data for @callback
 *
 * Fetches a web page and extracts its article in a worker thread.
 */
void
tp_fetcher_fetch_article_async (TpFetcher          *self,
                                const char         *url,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (TP_IS_FETCHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tp_fetcher_fetch_article_async);
  tp_fetcher_fetch_async (self, url, NULL, NULL, cancellable, on_page_fetched_cb, task);
}

/**
 * tp_fetcher_fetch_article_finish:
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
TpArticle *
tp_fetcher_fetch_article_finish (TpFetcher     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tp_fetcher_fetch_article_sync:
 * @self: a fetcher
 * @url: the page's address
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Fetches a web page and turns it into an article, blocking. For
 * `triptych-cli import URL`.
 *
 * Returns: (transfer full): the article, with @origin set to
 *   %TP_ORIGIN_URL and @url to its canonical or final address
 */
TpArticle *
tp_fetcher_fetch_article_sync (TpFetcher     *self,
                               const char    *url,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(TpFetchResult) result = NULL;

  g_return_val_if_fail (TP_IS_FETCHER (self), NULL);

  result = tp_fetcher_fetch_sync (self, url, NULL, NULL, cancellable, error);
  if (result == NULL)
    return NULL;
  return tp_fetcher_article_from_result (result, error);
}

/**
 * tp_fetcher_detect_charset:
 * @data: the document's bytes
 * @len: their length
 * @declared: (nullable): the charset named by the Content-Type header
 * @error: return location for an error
 *
 * Decides which character set a document is in: a byte-order mark first;
 * then UTF-8 when the bytes are valid UTF-8 with non-ASCII text in them
 * (which other encodings almost never produce by chance); then the
 * header's and the document's own declaration, if the bytes decode with
 * them; then Windows-1252 for undeclared legacy text. A declaration that
 * the bytes contradict, with nothing else to go on, is an error rather than
 * a guess.
 *
 * Returns: (transfer full) (nullable): a charset name iconv knows
 */
char *
tp_fetcher_detect_charset (const guint8  *data,
                           gsize          len,
                           const char    *declared,
                           GError       **error)
{
  g_autofree char *in_document = NULL;
  const char *candidates[2];
  gboolean any_declared = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return g_strdup ("UTF-8");
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return g_strdup ("UTF-16LE");
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return g_strdup ("UTF-16BE");

  if (has_non_ascii (data, len) && g_utf8_validate ((const char *) data, len, NULL))
    return g_strdup ("UTF-8");

  in_document = sniff_declared_charset (data, len);
  candidates[0] = declared;
  candidates[1] = in_document;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *cs = candidates[i];

      if (cs == NULL || *cs == '\0')
        continue;
      any_declared = TRUE;
      /* Latin-1 labels mean Windows-1252 in practice (as browsers treat them). */
      if (g_ascii_strcasecmp (cs, "iso-8859-1") == 0 || g_ascii_strcasecmp (cs, "latin1") == 0 ||
          g_ascii_strcasecmp (cs, "us-ascii") == 0)
        cs = "WINDOWS-1252";
      if (charset_is_known (cs) && decodes_with (data, len, cs))
        return g_ascii_strup (cs, -1);
    }

  if (!has_non_ascii (data, len))
    return g_strdup ("UTF-8");

  if (any_declared)
    {
      g_set_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_ENCODING,
                   _("the document says it is in “%s”, but its text is not in that "
                     "character set"),
                   declared != NULL ? declared : in_document);
      return NULL;
    }
  return g_strdup ("WINDOWS-1252");
}
